import { Duration, Fn, Validations } from 'aws-cdk-lib';
import { Certificate } from 'aws-cdk-lib/aws-certificatemanager';
import {
  AccessLevel,
  AllowedMethods,
  CachePolicy,
  CachedMethods,
  Distribution,
  Function as CloudFrontFunction,
  FunctionCode,
  FunctionEventType,
  FunctionRuntime,
  HttpVersion,
  type IKeyValueStore,
  OriginProtocolPolicy,
  OriginRequestPolicy,
  OriginSslPolicy,
  SecurityPolicyProtocol,
  ViewerProtocolPolicy,
} from 'aws-cdk-lib/aws-cloudfront';
import type { BehaviorOptions } from 'aws-cdk-lib/aws-cloudfront';
import { HttpOrigin, S3BucketOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { FEEDS_CORS } from '../../shared/http/cors';
import { securityHeaders } from '../../shared/http/security-headers';
import { directoryIndexCode } from '../edge/edge-code';
import { redirectsFunctionCode } from '../edge/redirects-code';
import { securityHeadersPolicy } from './security-headers-policy';
import { ORIGIN_HEADER } from '../../shared/http/origin-header';

/** Props of the distribution: the two origins and the optional custom domain. */
export interface SiteDistributionProps {
  readonly bucket: IBucket;
  readonly logsBucket: IBucket;
  /** The HTTP API's https://{id}.execute-api.{region}.amazonaws.com endpoint. */
  readonly apiEndpoint: string;
  /** The public base URL feeds are written with; the CSP allows the feeds' XSL at it. */
  readonly siteUrl: string;
  readonly domainName?: string;
  readonly certificateArn?: string;
  /** Sent as `x-herald-origin` to the API origin; the authorizer refuses requests without it. */
  readonly originSecret: string;
  /** A CLOUDFRONT-scope WAF web ACL (stack HeraldEdge) with the per-client rate limits. */
  readonly webAclArn?: string;
  /** Path patterns (e.g. `review/*`) of public pages a function renders: to the API origin, uncached, page headers. */
  readonly pagePaths?: readonly string[];
  /** Old-site paths -> new paths, looked up by the default behaviour's viewer-request function (301). */
  readonly redirects?: IKeyValueStore;
}

/**
 * The one public origin: `/api/*` goes to the HTTP API uncached with the viewer's
 * Authorization header and the origin secret; everything else is a static object read from
 * the private bucket through Origin Access Control, feeds briefly cached, archives for long.
 * Security headers come from shared/http/security-headers.ts, as in the local runtime.
 */
export class SiteDistribution extends Construct {
  readonly distribution: Distribution;

  constructor(scope: Construct, id: string, props: SiteDistributionProps) {
    super(scope, id);
    const siteOrigin = S3BucketOrigin.withOriginAccessControl(props.bucket, {
      // LIST lets S3 answer 404 (not 403) for a feed that does not exist.
      originAccessLevels: [AccessLevel.READ, AccessLevel.LIST],
    });
    // Browsers upload straight to the bucket's regional endpoint (its CORS rule admits the site).
    const headerSets = securityHeaders(props.siteUrl, `https://${props.bucket.bucketRegionalDomainName}`);
    const siteHeaders = securityHeadersPolicy(this, 'SecurityHeaders', 'Herald: CSP and security headers on pages, feeds and every bucket object', headerSets.site);
    const apiHeaders = securityHeadersPolicy(this, 'ApiSecurityHeaders', "Herald: default-src 'none' CSP and security headers on /api/*", headerSets.api);
    const feeds = new CachePolicy(this, 'FeedsCache', {
      comment: 'Herald feeds: short TTL, then revalidated against the S3 ETag',
      defaultTtl: Duration.seconds(60),
      minTtl: Duration.seconds(0),
      maxTtl: Duration.days(1),
      enableAcceptEncodingGzip: true,
      enableAcceptEncodingBrotli: true,
    });
    const longLived = new CachePolicy(this, 'LongLivedCache', {
      comment: 'Herald archives: content that rarely changes',
      defaultTtl: Duration.days(1),
      minTtl: Duration.seconds(0),
      maxTtl: Duration.days(365),
      enableAcceptEncodingGzip: true,
      enableAcceptEncodingBrotli: true,
    });
    const mediaCache = new CachePolicy(this, 'MediaCache', {
      comment: 'Herald media: immutable files under media/{id}/, kept a year',
      defaultTtl: Duration.days(365),
      minTtl: Duration.days(1),
      maxTtl: Duration.days(365),
      enableAcceptEncodingGzip: true,
      enableAcceptEncodingBrotli: true,
    });
    // S3 behind origin access control has no directory index: /news/x/ -> news/x/index.html.
    const directoryIndex = new CloudFrontFunction(this, 'DirectoryIndex', {
      comment: 'Herald: map directory URLs to their index.html',
      code: FunctionCode.fromInline(directoryIndexCode()),
      runtime: FunctionRuntime.JS_2_0,
    });
    // Old paths land on the default behaviour (pages, the home page, anything unknown): there the
    // redirect lookup runs first, then the directory index. Feeds, media, admin and embed keep theirs.
    const siteRequest = props.redirects
      ? new CloudFrontFunction(this, 'Redirects', {
          comment: 'Herald: 301 for old-site paths (KeyValueStore), then directory index',
          code: FunctionCode.fromInline(redirectsFunctionCode(props.siteUrl)),
          runtime: FunctionRuntime.JS_2_0,
          keyValueStore: props.redirects,
        })
      : directoryIndex;
    const staticBehavior = (cachePolicy: CachePolicy, viewerRequest = directoryIndex): BehaviorOptions => ({
      origin: siteOrigin,
      functionAssociations: [{ function: viewerRequest, eventType: FunctionEventType.VIEWER_REQUEST }],
      viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
      allowedMethods: AllowedMethods.ALLOW_GET_HEAD,
      cachedMethods: CachedMethods.CACHE_GET_HEAD,
      compress: true,
      cachePolicy,
      responseHeadersPolicy: siteHeaders,
    });
    // The editor: hashed assets carry a year's max-age, index.html no-store; with a zero minimum both are obeyed.
    const adminHeaders = securityHeadersPolicy(this, 'AdminSecurityHeaders', "Herald: the editor's strict CSP (self scripts and styles, uploads to the bucket) on /admin/*", headerSets.admin);
    const adminCache = new CachePolicy(this, 'AdminCache', {
      comment: 'Herald editor: obeys the origin (immutable hashed assets, no-store index.html)',
      defaultTtl: Duration.seconds(0),
      minTtl: Duration.seconds(0),
      maxTtl: Duration.days(365),
      enableAcceptEncodingGzip: true,
      enableAcceptEncodingBrotli: true,
    });
    // Feeds, calendars and the embed module: readable from any origin (shared/http/cors.ts), preflight
    // answered by the directory-index function, so these behaviours let OPTIONS through to it.
    const corsHeaders = securityHeadersPolicy(this, 'FeedsCorsHeaders', 'Herald: site headers plus CORS (any origin, no credentials) on feeds/* and embed/*', headerSets.site, FEEDS_CORS);
    const corsBehavior = (cachePolicy: CachePolicy): BehaviorOptions => ({
      ...staticBehavior(cachePolicy),
      allowedMethods: AllowedMethods.ALLOW_GET_HEAD_OPTIONS,
      responseHeadersPolicy: corsHeaders,
    });
    // The iframe variant of the news box: the one path any site may frame.
    const embedFrameHeaders = securityHeadersPolicy(this, 'EmbedFrameHeaders', 'Herald: the news box page, framable by any site, reading this site only', headerSets.embed);
    const pageHeaders = securityHeadersPolicy(this, 'PageSecurityHeaders', 'Herald: the site CSP and no referrer on pages a function renders (review links)', headerSets.page);
    const apiDomain = Fn.select(2, Fn.split('/', props.apiEndpoint));
    const apiOrigin = new HttpOrigin(apiDomain, {
      protocolPolicy: OriginProtocolPolicy.HTTPS_ONLY,
      originSslProtocols: [OriginSslPolicy.TLS_V1_2],
      customHeaders: { [ORIGIN_HEADER]: props.originSecret },
    });
    // A review page is a credential in a URL: never cached (a revocation takes effect at once),
    // nothing but the path forwarded (no cookies, no query string, no Authorization).
    const pageBehaviors = Object.fromEntries(
      (props.pagePaths ?? []).map((path): [string, BehaviorOptions] => [
        path,
        {
          origin: apiOrigin,
          viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
          allowedMethods: AllowedMethods.ALLOW_GET_HEAD,
          cachePolicy: CachePolicy.CACHING_DISABLED,
          compress: true,
          responseHeadersPolicy: pageHeaders,
        },
      ]),
    );
    const custom = props.domainName !== undefined && props.certificateArn !== undefined;

    this.distribution = new Distribution(this, 'Distribution', {
      comment: 'Herald: feeds from S3, /api/* to the admin API',
      defaultRootObject: 'index.html',
      httpVersion: HttpVersion.HTTP2_AND_3,
      defaultBehavior: staticBehavior(feeds, siteRequest),
      additionalBehaviors: {
        'feeds/archive/*': corsBehavior(longLived),
        // Per-language and per-tag archives: feeds/fr/archive/..., feeds/tags/msp/archive/...
        'feeds/*/archive/*': corsBehavior(longLived),
        'feeds/*': corsBehavior(feeds),
        // The news box for partner sites, uploaded under embed/ by its BucketDeployment.
        'embed/latest.html': { ...staticBehavior(adminCache), responseHeadersPolicy: embedFrameHeaders },
        'embed/*': corsBehavior(adminCache),
        // Uploaded photos and documents: a new upload is a new id, so they never change.
        'media/*': staticBehavior(mediaCache),
        // The editor's single-page app, uploaded under admin/ by its BucketDeployment.
        'admin/*': { ...staticBehavior(adminCache), responseHeadersPolicy: adminHeaders },
        'api/*': {
          origin: apiOrigin,
          // HTTPS only: a redirect would turn a POST into a GET.
          viewerProtocolPolicy: ViewerProtocolPolicy.HTTPS_ONLY,
          allowedMethods: AllowedMethods.ALLOW_ALL,
          cachePolicy: CachePolicy.CACHING_DISABLED,
          // With caching disabled this managed policy forwards Authorization; Host must not reach API Gateway.
          originRequestPolicy: OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
          responseHeadersPolicy: apiHeaders,
        },
        ...pageBehaviors,
      },
      enableLogging: true,
      logBucket: props.logsBucket,
      logFilePrefix: 'cloudfront/',
      ...(props.webAclArn ? { webAclId: props.webAclArn } : {}),
      ...(custom
        ? {
            domainNames: [props.domainName],
            certificate: Certificate.fromCertificateArn(this, 'Certificate', props.certificateArn),
            minimumProtocolVersion: SecurityPolicyProtocol.TLS_V1_2_2021,
          }
        : {}),
    });

    const ack = (id: string, reason: string) => Validations.of(this.distribution).acknowledge({ id, reason });
    ack('AwsSolutions-CFR1', 'Public syndication feeds for a worldwide readership; no country is to be excluded.');
    if (!props.webAclArn) {
      ack('AwsSolutions-CFR2', 'Development stage only: a production deploy requires webAclArn (the HeraldEdge web ACL), enforced by infra/config.ts.');
    }
    ack(
      'Annotation::@aws-cdk/aws-cloudfront-origins:listBucketSecurityRisk',
      'defaultRootObject is index.html and no bucket behaviour forwards query strings, so no viewer request reaches ListBucket; LIST only turns 403 into 404 for missing keys.',
    );
    if (!custom) {
      ack(
        'AwsSolutions-CFR4',
        'Without a custom domain CloudFront serves its default *.cloudfront.net certificate, whose TLSv1 floor cannot be raised; setting domainName + certificateArn enforces TLSv1.2_2021.',
      );
    }
  }
}
