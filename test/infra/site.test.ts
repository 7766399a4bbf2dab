import { beforeAll, describe, expect, it } from '@jest/globals';
import { Match } from 'aws-cdk-lib/assertions';
import { CachePolicy, OriginRequestPolicy } from 'aws-cdk-lib/aws-cloudfront';
import { API_CSP, securityHeaderFields, siteCsp } from '../../shared/http/security-headers';
import { logicalId, synthHerald, type SynthesizedHerald } from './synth-herald';

/** The siteUrl of the synthesized test configuration (cdk.json context). */
const SITE_URL = 'https://news.example.org';

let herald: SynthesizedHerald;
type Behavior = Record<string, unknown> & { PathPattern?: string; TargetOriginId: string; CachePolicyId: unknown };
type Origin = Record<string, unknown> & { Id: string };
let config: { DefaultCacheBehavior: Behavior; CacheBehaviors: Behavior[]; Origins: Origin[] } & Record<string, unknown>;
beforeAll(() => {
  herald = synthHerald();
  const [distribution] = Object.values(herald.template.findResources('AWS::CloudFront::Distribution'));
  config = distribution?.Properties.DistributionConfig;
});

const behavior = (pattern: string) => config.CacheBehaviors.find((b) => b.PathPattern === pattern);
const originOf = (b: Behavior | undefined) => config.Origins.find((o) => o.Id === b?.TargetOriginId);
const cachePolicy = (b: Behavior | undefined) => {
  const id = (b?.CachePolicyId as { Ref: string }).Ref;
  return herald.template.toJSON().Resources[id].Properties.CachePolicyConfig as { DefaultTTL: number; MaxTTL: number };
};

describe('the distribution', () => {
  it('serves index.html at the root, over HTTP/2 and 3, logging to the access-log bucket', () => {
    expect(config).toMatchObject({ DefaultRootObject: 'index.html', HttpVersion: 'http2and3', Logging: { Prefix: 'cloudfront/' } });
  });

  it('reads the private bucket through Origin Access Control by default, caching feeds for about a minute', () => {
    const origin = originOf(config.DefaultCacheBehavior);

    expect(origin).toMatchObject({
      DomainName: { 'Fn::GetAtt': [logicalId(herald.stack.bucket), 'RegionalDomainName'] },
      OriginAccessControlId: { 'Fn::GetAtt': [expect.any(String), 'Id'] },
      S3OriginConfig: { OriginAccessIdentity: '' },
    });
    herald.template.hasResourceProperties('AWS::CloudFront::OriginAccessControl', {
      OriginAccessControlConfig: { OriginAccessControlOriginType: 's3', SigningBehavior: 'always', SigningProtocol: 'sigv4' },
    });
    expect(config.DefaultCacheBehavior).toMatchObject({
      ViewerProtocolPolicy: 'redirect-to-https',
      AllowedMethods: ['GET', 'HEAD'],
      Compress: true,
    });
    expect(cachePolicy(config.DefaultCacheBehavior)).toMatchObject({ DefaultTTL: 60, MinTTL: 0 });
  });

  it.each(['feeds/archive/*', 'feeds/*/archive/*'])('caches %s for long, from the same bucket origin', (pattern) => {
    const b = behavior(pattern);

    expect(b?.TargetOriginId).toBe(config.DefaultCacheBehavior.TargetOriginId);
    expect(cachePolicy(b).DefaultTTL).toBeGreaterThanOrEqual(86400);
    expect(cachePolicy(b).MaxTTL).toBeGreaterThanOrEqual(31536000);
  });

  it('sends /api/* to the HTTP API uncached, forwarding every viewer header (Authorization included) but Host', () => {
    const b = behavior('api/*');

    expect(b).toMatchObject({
      CachePolicyId: CachePolicy.CACHING_DISABLED.cachePolicyId,
      OriginRequestPolicyId: OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER.originRequestPolicyId,
      AllowedMethods: ['GET', 'HEAD', 'OPTIONS', 'PUT', 'PATCH', 'POST', 'DELETE'],
      ViewerProtocolPolicy: 'https-only',
    });
    expect(originOf(b)).toMatchObject({
      DomainName: { 'Fn::Select': [2, { 'Fn::Split': ['/', { 'Fn::GetAtt': [logicalId(herald.stack.api.api), 'ApiEndpoint'] }] }] },
      CustomOriginConfig: { OriginProtocolPolicy: 'https-only', OriginSSLProtocols: ['TLSv1.2'] },
    });
  });

  it('maps directory URLs to index.html on every bucket behaviour, and not on /api/*', () => {
    const [fn] = Object.entries(herald.template.findResources('AWS::CloudFront::Function'));
    expect(fn?.[1].Properties.FunctionConfig.Runtime).toBe('cloudfront-js-2.0');
    expect(fn?.[1].Properties.FunctionCode).toContain("request.uri + 'index.html'");
    const association = [{ EventType: 'viewer-request', FunctionARN: { 'Fn::GetAtt': [fn?.[0], 'FunctionARN'] } }];
    // The default behaviour runs the redirect lookup in front of the same mapping (test/infra/redirects.test.ts).
    for (const b of [behavior('feeds/archive/*'), behavior('feeds/*/archive/*')]) {
      expect(b?.FunctionAssociations).toEqual(association);
    }
    expect(behavior('api/*')).toBeDefined();
    expect(behavior('api/*')?.FunctionAssociations).toBeUndefined();
  });

  it('has no assets/* behaviour (nothing writes assets/), one for media/*, one for review/*, one for the editor (admin/*), the feeds and embed ones with CORS (test/infra/embed.test.ts) and the fediverse paths', () => {
    expect(config.CacheBehaviors.map((b) => b.PathPattern).sort()).toEqual(['.well-known/nodeinfo', '.well-known/webfinger', 'admin/*', 'ap/*', 'api/*', 'embed/*', 'embed/latest.html', 'feeds/*', 'feeds/*/archive/*', 'feeds/archive/*', 'media/*', 'review/*']);
  });

  type HeadersConfig = { SecurityHeadersConfig: Record<string, Record<string, unknown>> };
  const policyOf = (b: Behavior | undefined) =>
    herald.template.toJSON().Resources[(b?.ResponseHeadersPolicyId as { Ref: string }).Ref].Properties.ResponseHeadersPolicyConfig as HeadersConfig;
  /** What a policy makes CloudFront send, as header fields, to compare with the local runtime's. */
  const fieldsOf = (policy: HeadersConfig) => {
    const h = policy.SecurityHeadersConfig;
    const hsts = h.StrictTransportSecurity as { AccessControlMaxAgeSec: number; IncludeSubdomains: boolean };
    return {
      'content-security-policy': h.ContentSecurityPolicy?.ContentSecurityPolicy,
      'strict-transport-security': `max-age=${hsts.AccessControlMaxAgeSec}${hsts.IncludeSubdomains ? '; includeSubDomains' : ''}`,
      'x-content-type-options': h.ContentTypeOptions ? 'nosniff' : undefined,
      'x-frame-options': h.FrameOptions?.FrameOption,
      'referrer-policy': (h.ReferrerPolicy as { ReferrerPolicy: string }).ReferrerPolicy,
    };
  };

  it('sends pages, feeds and every bucket object the site CSP and security headers the local runtime sends', () => {
    // The default behaviour runs the redirect lookup in front of the same mapping (test/infra/redirects.test.ts).
    for (const b of [behavior('feeds/archive/*'), behavior('feeds/*/archive/*')]) {
      const policy = policyOf(b);
      expect(fieldsOf(policy)).toEqual(securityHeaderFields('site', SITE_URL));
      expect(Object.values(policy.SecurityHeadersConfig).every((h) => h.Override === true)).toBe(true);
    }
    const csp = siteCsp(SITE_URL);
    expect(csp).toContain("default-src 'none'");
    // Scripts: only the feeds' XSL stylesheet, by its exact URL on the configured site.
    expect(csp).toContain(`script-src ${SITE_URL}/feeds/feed.xsl;`);
    expect(csp).toMatch(/style-src 'sha256-[A-Za-z0-9+/]{43}='/);
    for (const directive of ["frame-ancestors 'none'", "base-uri 'none'", "form-action 'none'"]) expect(csp).toContain(directive);
  });

  it("sends /api/* default-src 'none' and frame-ancestors 'none', with the same other headers", () => {
    expect(fieldsOf(policyOf(behavior('api/*')))).toEqual(securityHeaderFields('api', SITE_URL));
    expect(API_CSP).toBe("default-src 'none'; frame-ancestors 'none'");
    // The third is the review page's (test/infra/review-links.test.ts), the fourth the editor's (test/infra/editor.test.ts),
    // the fifth and sixth the feeds' CORS set and the news-box page's (test/infra/embed.test.ts).
    herald.template.resourceCountIs('AWS::CloudFront::ResponseHeadersPolicy', 6);
  });
});

describe('the site bucket', () => {
  it('is private, encrypted, versioned and logs its access', () => {
    herald.template.hasResourceProperties('AWS::S3::Bucket', {
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      },
      BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] },
      VersioningConfiguration: { Status: 'Enabled' },
      LoggingConfiguration: Match.objectLike({ DestinationBucketName: Match.anyValue() }),
    });
  });
});

describe('a custom domain', () => {
  it('puts the domain and the us-east-1 certificate on the distribution with TLS 1.2 at least', () => {
    const certificateArn = 'arn:aws:acm:us-east-1:123456789012:certificate/0f1e2d3c-aaaa-bbbb-cccc-123456789abc';
    const custom = synthHerald({ domainName: 'news.example.org', certificateArn });

    custom.template.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: Match.objectLike({
        Aliases: ['news.example.org'],
        ViewerCertificate: { AcmCertificateArn: certificateArn, MinimumProtocolVersion: 'TLSv1.2_2021', SslSupportMethod: 'sni-only' },
      }),
    });
  });
});
