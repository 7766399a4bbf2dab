import { beforeAll, describe, expect, it } from '@jest/globals';
import { runInNewContext } from 'node:vm';
import { directoryIndexCode } from '../../infra/edge/edge-code';
import { FEEDS_CORS, preflightHeaderFields } from '../../shared/http/cors';
import { EMBED_FRAME_CSP } from '../../shared/http/security-headers';
import { logicalId, synthHerald, unacknowledgedNagFindings, type SynthesizedHerald } from './synth-herald';

/**
 * Issue 15 in the cloud: CORS on the feeds and embed behaviours only (from
 * shared/http/cors.ts), the preflight answered by the edge function, the
 * framable news-box page with its own headers, and the embed's deployment.
 */
let herald: SynthesizedHerald;
type Behavior = { PathPattern?: string; AllowedMethods: string[]; ResponseHeadersPolicyId: { Ref: string }; FunctionAssociations?: { FunctionARN: { 'Fn::GetAtt': string[] } }[]; CachePolicyId: { Ref: string } };
let behaviors: Behavior[];
let defaultBehavior: Behavior;
beforeAll(() => {
  herald = synthHerald();
  const [distribution] = Object.values(herald.template.findResources('AWS::CloudFront::Distribution'));
  behaviors = distribution?.Properties.DistributionConfig.CacheBehaviors;
  defaultBehavior = distribution?.Properties.DistributionConfig.DefaultCacheBehavior;
}, 120_000);

const resource = (ref: { Ref: string }) => herald.template.toJSON().Resources[ref.Ref].Properties;
const corsOf = (b: Behavior) => resource(b.ResponseHeadersPolicyId).ResponseHeadersPolicyConfig.CorsConfig;
const at = (pattern: string) => behaviors.find((b) => b.PathPattern === pattern)!;
const CORS_PATTERNS = ['feeds/archive/*', 'feeds/*/archive/*', 'feeds/*', 'embed/*'];

describe('CORS on the feeds and the embed module', () => {
  it.each(CORS_PATTERNS)('%s: any origin, GET/HEAD/OPTIONS, no credentials, ETag and Last-Modified exposed', (pattern) => {
    const b = at(pattern);
    expect(b.AllowedMethods).toEqual(['GET', 'HEAD', 'OPTIONS']);
    expect(corsOf(b)).toEqual({
      AccessControlAllowOrigins: { Items: ['*'] },
      AccessControlAllowMethods: { Items: ['GET', 'HEAD', 'OPTIONS'] },
      AccessControlAllowHeaders: { Items: [...FEEDS_CORS.allowHeaders] },
      AccessControlExposeHeaders: { Items: ['ETag', 'Last-Modified'] },
      AccessControlAllowCredentials: false,
      AccessControlMaxAgeSec: FEEDS_CORS.maxAgeSeconds,
      OriginOverride: true,
    });
    // The same security headers as every other bucket object.
    expect(resource(b.ResponseHeadersPolicyId).ResponseHeadersPolicyConfig.SecurityHeadersConfig).toEqual(
      resource(defaultBehavior.ResponseHeadersPolicyId).ResponseHeadersPolicyConfig.SecurityHeadersConfig,
    );
  });

  it('is on no other behaviour: pages, the editor, the API and the review pages stay same-origin', () => {
    const others = [defaultBehavior, ...behaviors.filter((b) => !CORS_PATTERNS.includes(b.PathPattern!))];
    expect(others.map((b) => b.PathPattern ?? 'default')).toEqual(expect.arrayContaining(['default', 'admin/*', 'api/*', 'embed/latest.html']));
    for (const b of others) expect(corsOf(b)).toBeUndefined();
    for (const b of others.filter((x) => x.PathPattern !== 'api/*')) expect(b.AllowedMethods).toEqual(['GET', 'HEAD']);
  });

  it('orders the archives before feeds/* and latest.html before embed/*, since CloudFront takes the first match', () => {
    const order = behaviors.map((b) => b.PathPattern);
    expect(order.indexOf('feeds/archive/*')).toBeLessThan(order.indexOf('feeds/*'));
    expect(order.indexOf('feeds/*/archive/*')).toBeLessThan(order.indexOf('feeds/*'));
    expect(order.indexOf('embed/latest.html')).toBeLessThan(order.indexOf('embed/*'));
  });
});

describe('the preflight, answered by the directory-index function', () => {
  type Response = { statusCode?: number; headers?: Record<string, { value: string }>; uri?: string };
  const handler = runInNewContext(`${directoryIndexCode()}\nhandler`) as (e: { request: { uri: string; method: string } }) => Response;

  it('runs on every CORS behaviour, with the code synthesized from shared/http/cors.ts', () => {
    const [id, fn] = Object.entries(herald.template.findResources('AWS::CloudFront::Function')).find(([, f]) => f.Properties.FunctionCode === directoryIndexCode())!;
    expect(fn.Properties.FunctionCode).toBe(directoryIndexCode());
    for (const p of CORS_PATTERNS) expect(at(p).FunctionAssociations).toEqual([{ EventType: 'viewer-request', FunctionARN: { 'Fn::GetAtt': [id, 'FunctionARN'] } }]);
  });

  it.each(['/feeds/fr/feed.json', '/feeds/tags/7msp/events.ics', '/embed/herald-news.js'])('answers OPTIONS %s with 204 and the allowed methods and headers', (uri) => {
    const answer = handler({ request: { uri, method: 'OPTIONS' } });
    const expected = Object.fromEntries(Object.entries(preflightHeaderFields()).map(([k, value]) => [k, { value }]));
    expect(answer).toMatchObject({ statusCode: 204, headers: expected });
    expect(answer.headers!['access-control-allow-methods']!.value).toBe('GET, HEAD, OPTIONS');
  });

  it('refuses OPTIONS elsewhere and passes GET through', () => {
    expect(handler({ request: { uri: '/news/x/', method: 'OPTIONS' } }).statusCode).toBe(405);
    expect(handler({ request: { uri: '/feeds/', method: 'GET' } }).uri).toBe('/feeds/index.html');
  });
});

describe('the news box page (embed/latest.html)', () => {
  it('has its own headers: frame-ancestors *, no X-Frame-Options, scripts and reads of this site only', () => {
    const config = resource(at('embed/latest.html').ResponseHeadersPolicyId).ResponseHeadersPolicyConfig;
    expect(config.SecurityHeadersConfig.ContentSecurityPolicy.ContentSecurityPolicy).toBe(EMBED_FRAME_CSP);
    expect(config.SecurityHeadersConfig.FrameOptions).toBeUndefined();
    expect(EMBED_FRAME_CSP).toContain('frame-ancestors *');
    expect(EMBED_FRAME_CSP).toContain("connect-src 'self'");
    expect(resource(defaultBehavior.ResponseHeadersPolicyId).ResponseHeadersPolicyConfig.SecurityHeadersConfig.FrameOptions).toEqual({ FrameOption: 'DENY', Override: true });
  });
});

describe('the embed deployment', () => {
  type Deployment = { DestinationBucketKeyPrefix: string; SystemMetadata: Record<string, string>; Include?: string[]; Exclude?: string[]; DestinationBucketName: { Ref: string } };
  const embed = () =>
    Object.values(herald.template.findResources('Custom::CDKBucketDeployment'))
      .map((r) => r.Properties as Deployment)
      .filter((d) => d.DestinationBucketKeyPrefix === 'embed/');

  it('copies the hashed modules (immutable) and the alias and latest.html (five minutes) to embed/ in the site bucket', () => {
    expect(embed()).toHaveLength(2);
    for (const d of embed()) expect(d.DestinationBucketName).toEqual({ Ref: logicalId(herald.stack.bucket) });
    const aliases = embed().find((d) => d.Include)!;
    expect(aliases.Include).toEqual(['herald-news.js', 'latest.html']);
    expect(aliases.SystemMetadata['cache-control']).toBe('public, max-age=300');
    expect(embed().find((d) => !d.Include)!.SystemMetadata['cache-control']).toBe('public, max-age=31536000, immutable');
  });

  it('leaves cdk-nag with nothing unacknowledged', () => {
    expect(unacknowledgedNagFindings(herald.app)).toEqual([]);
  });
});
