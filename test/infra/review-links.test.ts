import { beforeAll, describe, expect, it } from '@jest/globals';
import { CachePolicy } from 'aws-cdk-lib/aws-cloudfront';
import { FUNCTIONS } from '../../infra/functions';
import { pagePathsOf } from '../../infra/herald-stack';
import { localPlan, matchRoute } from '../../infra/local/plan';
import { securityHeaderFields } from '../../shared/http/security-headers';
import { KEY_PREFIXES } from '../../shared/table-definition';
import { logicalId, normalize, roleStatements, synthHerald, type SynthesizedHerald } from './synth-herald';

const SITE_URL = 'https://news.example.org';
type Behavior = Record<string, unknown> & { PathPattern?: string; TargetOriginId: string };

let herald: SynthesizedHerald;
let behaviors: Behavior[];
let origins: (Record<string, unknown> & { Id: string })[];
beforeAll(() => {
  herald = synthHerald();
  const [distribution] = Object.values(herald.template.findResources('AWS::CloudFront::Distribution'));
  behaviors = distribution?.Properties.DistributionConfig.CacheBehaviors;
  origins = distribution?.Properties.DistributionConfig.Origins;
});
const behavior = (pattern: string) => behaviors.find((b) => b.PathPattern === pattern);
const resource = (ref: unknown) => herald.template.toJSON().Resources[(ref as { Ref: string }).Ref].Properties;

describe('the review page in the cloud', () => {
  it('is a public, throttled HTTP API route to the review function, without the authorizer', () => {
    const fn = logicalId(herald.stack.review.fn);
    const [route] = Object.values(herald.template.findResources('AWS::ApiGatewayV2::Route', { Properties: { RouteKey: 'GET /review/{token}' } }));

    expect(route?.Properties.AuthorizationType).toBe('NONE');
    expect(JSON.stringify(herald.template.findResources('AWS::ApiGatewayV2::Integration'))).toContain(fn);
    const [stage] = Object.values(herald.template.findResources('AWS::ApiGatewayV2::Stage'));
    expect(stage?.Properties.RouteSettings['GET /review/{token}']).toEqual({ ThrottlingRateLimit: 10, ThrottlingBurstLimit: 20 });
  });

  it('is reached through a review/* behaviour to the API origin, uncached, GET and HEAD only', () => {
    const review = behavior('review/*');
    expect(review).toMatchObject({ CachePolicyId: CachePolicy.CACHING_DISABLED.cachePolicyId, AllowedMethods: ['GET', 'HEAD'], ViewerProtocolPolicy: 'redirect-to-https' });
    // The same origin as /api/*, with the origin secret header; nothing but the path is forwarded.
    expect(review?.TargetOriginId).toBe(behavior('api/*')?.TargetOriginId);
    expect(review?.OriginRequestPolicyId).toBeUndefined();
    expect(origins.filter((o) => o.Id === review?.TargetOriginId)).toHaveLength(1);
  });

  it("carries the site's CSP (the page style hash), not the API's, and no referrer, as the local runtime sends", () => {
    const h = resource(behavior('review/*')?.ResponseHeadersPolicyId).ResponseHeadersPolicyConfig.SecurityHeadersConfig;
    const local = securityHeaderFields('page', SITE_URL);

    expect(h.ContentSecurityPolicy.ContentSecurityPolicy).toBe(securityHeaderFields('site', SITE_URL)['content-security-policy']);
    expect(h.ContentSecurityPolicy.ContentSecurityPolicy).toBe(local['content-security-policy']);
    expect(h.ReferrerPolicy.ReferrerPolicy).toBe('no-referrer');
    expect(local['referrer-policy']).toBe('no-referrer');
    expect(h.FrameOptions.FrameOption).toBe('DENY');
  });

  it('has a behaviour for every declared route outside /api, and the local server routes the same paths', () => {
    const pages = localPlan(FUNCTIONS).routes.filter((r) => !r.path.startsWith('/api/'));
    expect(pagePathsOf(pages)).toEqual(['review/*', '.well-known/webfinger', '.well-known/nodeinfo', 'ap/*']);
    for (const path of pagePathsOf(pages)) expect(behavior(path)).toBeDefined();
    expect(matchRoute(pages, 'GET', '/review/abc')?.fn).toBe('review');
    expect(matchRoute(pages, 'GET', '/review/abc/def')).toBeUndefined();
    expect(matchRoute(pages, 'POST', '/review/abc')).toBeUndefined();
  });
});

describe('review-link grants', () => {
  it('let the review function get review links by hash, announcements and media items, and query feed entries and the registry: nothing else', () => {
    const table = herald.stack.resolve(herald.stack.table.tableArn) as unknown;
    const logs = herald.stack.resolve(herald.stack.review.logGroup.logGroupArn) as unknown;

    expect(roleStatements(herald.template, herald.stack.review.role)).toEqual(
      normalize([
        { Effect: 'Allow', Action: ['logs:CreateLogStream', 'logs:PutLogEvents'], Resource: [logs] },
        {
          Effect: 'Allow',
          Action: ['dynamodb:GetItem', 'dynamodb:Query'],
          Resource: [table],
          Condition: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['REVIEW#*', 'ANN#*', 'MEDIA#*', 'FEED#*', 'META#*'] } },
        },
      ]),
    );
  });

  it('keep the review prefixes out of every function that does not manage review links', () => {
    const text = (name: string) => JSON.stringify(roleStatements(herald.template, herald.stack.fn(name as 'admin').role));
    for (const name of ['authorizer', 'publisher', 'reconciler', 'scheduler']) {
      expect(text(name)).not.toContain(KEY_PREFIXES.reviewLink);
      expect(text(name)).toContain('dynamodb:LeadingKeys');
    }
    // The public page cannot list links: REVIEWS# is the admin's alone.
    expect(text('review')).not.toContain(KEY_PREFIXES.reviewLinkList);
  });
});
