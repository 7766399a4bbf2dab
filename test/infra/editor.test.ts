import { beforeAll, describe, expect, it } from '@jest/globals';
import { securityHeaders } from '../../shared/http/security-headers';
import { logicalId, synthHerald, type SynthesizedHerald } from './synth-herald';

/** The editor in the cloud: its files in the bucket under admin/ and a CloudFront behaviour with its own strict headers. */
const SITE_URL = 'https://news.example.org';
let herald: SynthesizedHerald;
type Behavior = { PathPattern?: string; TargetOriginId: string; CachePolicyId: { Ref: string }; ResponseHeadersPolicyId: { Ref: string }; FunctionAssociations?: unknown[] };
let behaviors: Behavior[];
let defaultBehavior: Behavior;
beforeAll(() => {
  herald = synthHerald();
  const [distribution] = Object.values(herald.template.findResources('AWS::CloudFront::Distribution'));
  behaviors = distribution?.Properties.DistributionConfig.CacheBehaviors;
  defaultBehavior = distribution?.Properties.DistributionConfig.DefaultCacheBehavior;
}, 120_000);

const resource = (ref: { Ref: string }) => herald.template.toJSON().Resources[ref.Ref].Properties;

describe('the editor behaviour (admin/*)', () => {
  it('reads the same private bucket, with the directory index, GET and HEAD only', () => {
    const b = behaviors.find((x) => x.PathPattern === 'admin/*')!;
    expect(b).toMatchObject({ TargetOriginId: defaultBehavior.TargetOriginId, AllowedMethods: ['GET', 'HEAD'], ViewerProtocolPolicy: 'redirect-to-https' });
    // The directory index, as on the other bucket behaviours (the default one adds the redirect lookup: test/infra/redirects.test.ts).
    expect(b.FunctionAssociations).toEqual(behaviors.find((x) => x.PathPattern === 'feeds/archive/*')!.FunctionAssociations);
  });

  it('obeys the origin: a zero minimum TTL, so no-store index.html is never cached and hashed files for a year', () => {
    const b = behaviors.find((x) => x.PathPattern === 'admin/*')!;
    expect(resource(b.CachePolicyId).CachePolicyConfig).toMatchObject({ MinTTL: 0, DefaultTTL: 0, MaxTTL: 31536000 });
  });

  it('sends the admin CSP: self scripts and styles, the page style hash for the preview, uploads to the bucket endpoint', () => {
    const b = behaviors.find((x) => x.PathPattern === 'admin/*')!;
    const csp = resource(b.ResponseHeadersPolicyId).ResponseHeadersPolicyConfig.SecurityHeadersConfig.ContentSecurityPolicy;
    expect(csp.Override).toBe(true);
    const text = JSON.stringify(csp.ContentSecurityPolicy);
    const expected = securityHeaders(SITE_URL, 'https://BUCKET').admin.contentSecurityPolicy;
    const [before, after] = expected.split('https://BUCKET');
    expect(text).toContain(JSON.stringify(before).slice(1, -1));
    expect(text).toContain(JSON.stringify(after).slice(1, -1));
    expect(text).toContain(`"Fn::GetAtt":["${logicalId(herald.stack.bucket)}","RegionalDomainName"]`);
    for (const d of ["default-src 'none'", "script-src 'self';", "frame-ancestors 'none'", "base-uri 'none'", "form-action 'self'"]) expect(expected).toContain(d);
    expect(expected).toMatch(/style-src 'self' 'sha256-[A-Za-z0-9+/]{43}='/);
    expect(expected).not.toContain('unsafe');
  });
});

describe('the editor deployment', () => {
  type Deployment = { DestinationBucketKeyPrefix: string; SystemMetadata: Record<string, string>; Prune?: boolean; Exclude?: string[]; Include?: string[]; DestinationBucketName: { Ref: string } };
  let deployments: Deployment[];
  beforeAll(() => {
    // The embed's deployments (test/infra/embed.test.ts) share the resource type; the editor's are under admin/.
    deployments = Object.values(herald.template.findResources('Custom::CDKBucketDeployment'))
      .map((r) => r.Properties as Deployment)
      .filter((d) => d.DestinationBucketKeyPrefix === 'admin/');
  });

  it('copies the built editor to admin/ in the site bucket: hashed files immutable, index.html no-store', () => {
    expect(deployments).toHaveLength(2);
    for (const d of deployments) {
      expect(d.DestinationBucketKeyPrefix).toBe('admin/');
      expect(d.DestinationBucketName).toEqual({ Ref: logicalId(herald.stack.bucket) });
    }
    const shell = deployments.find((d) => d.Include?.includes('index.html'))!;
    const assets = deployments.find((d) => d.Exclude?.includes('index.html') && !d.Include)!;
    expect(shell.SystemMetadata['cache-control']).toBe('no-store');
    expect(assets.SystemMetadata['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(shell.Exclude).toEqual(['*']);
  });

  it('deploys index.html only after the files it names', () => {
    const resources = Object.fromEntries(
      Object.entries(herald.template.findResources('Custom::CDKBucketDeployment')).filter(([, r]) => (r.Properties as Deployment).DestinationBucketKeyPrefix === 'admin/'),
    );
    const [shellId] = Object.entries(resources).find(([, r]) => (r.Properties as Deployment).Include)!;
    const [assetsId] = Object.entries(resources).find(([, r]) => !(r.Properties as Deployment).Include)!;
    expect(resources[shellId]!.DependsOn).toEqual(expect.arrayContaining([expect.stringContaining(assetsId.replace(/CustomResource.*$/, ''))]));
  });
});
