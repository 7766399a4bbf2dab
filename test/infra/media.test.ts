import { beforeAll, describe, expect, it } from '@jest/globals';
import { FUNCTIONS } from '../../infra/functions';
import { LAMBDA_NPM_PLATFORM } from '../../infra/constructs/herald-function';
import { logicalId, roleStatements, synthHerald, type Statement, type SynthesizedHerald } from './synth-herald';

let herald: SynthesizedHerald;
beforeAll(() => {
  herald = synthHerald();
});

const ref = (value: string) => JSON.stringify(herald.stack.resolve(value));
const statements = () => roleStatements(herald.template, herald.stack.media.role);
const on = (resource: string) => (s: Statement) => s.Resource.some((r) => JSON.stringify(r) === resource);

describe('the media function', () => {
  it('is its own Lambda with the table, bucket and site settings, and no secret', () => {
    const id = logicalId(herald.stack.media.fn);
    const props = herald.template.toJSON().Resources[id].Properties as { MemorySize: number; Environment: { Variables: Record<string, unknown> } };

    expect(props.MemorySize).toBe(2048);
    expect(Object.keys(props.Environment.Variables)).toEqual(expect.arrayContaining(['TABLE_NAME', 'BUCKET_NAME', 'SITE_URL']));
    expect(Object.keys(props.Environment.Variables).filter((k) => /PARAMETER|HUBS/.test(k))).toEqual([]);
  });

  it('ships sharp beside the bundle, installed for linux arm64 with glibc', () => {
    const decl = FUNCTIONS.find((f) => f.name === 'media');

    expect(decl?.bundling?.nodeModules).toEqual(['sharp']);
    expect(LAMBDA_NPM_PLATFORM).toEqual({ npm_config_os: 'linux', npm_config_cpu: 'arm64', npm_config_libc: 'glibc' });
    expect(FUNCTIONS.filter((f) => 'bundling' in f).map((f) => f.name)).toEqual(['media']);
  });

  it('may read, presign into and delete uploads/*, write and delete media/*, and touch no other key', () => {
    const s3 = statements().filter((s) => s.Action.some((a) => a.startsWith('s3:')));

    expect(s3.filter(on(ref(herald.stack.bucket.arnForObjects('uploads/*'))))[0]?.Action).toEqual(['s3:DeleteObject', 's3:GetObject', 's3:PutObject']);
    expect(s3.filter(on(ref(herald.stack.bucket.arnForObjects('media/*'))))[0]?.Action).toEqual(['s3:DeleteObject', 's3:PutObject']);
    expect(s3.flatMap((s) => s.Resource.map((r) => JSON.stringify(r))).sort()).toEqual(
      [ref(herald.stack.bucket.arnForObjects('media/*')), ref(herald.stack.bucket.arnForObjects('uploads/*')), ref(herald.stack.bucket.bucketArn)].sort(),
    );
  });

  it('may touch only MEDIA# items, and query only the MEDIA and ANN partitions of gsi1', () => {
    const table = statements().filter(on(ref(herald.stack.table.tableArn)));
    const index = statements().filter(on(ref(`${herald.stack.table.tableArn}/index/gsi1`)));

    expect(table).toHaveLength(1);
    expect(table[0]).toMatchObject({ Action: ['dynamodb:DeleteItem', 'dynamodb:GetItem', 'dynamodb:PutItem'], Condition: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['MEDIA#*'] } } });
    expect(index).toHaveLength(1);
    expect(index[0]).toMatchObject({ Action: ['dynamodb:Query'], Condition: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['MEDIA', 'ANN'] } } });
    expect(statements().filter((s) => s.Action.some((a) => /^(ssm|secretsmanager|kms):/.test(a)))).toEqual([]);
  });
});

describe('the site bucket, for uploads', () => {
  it('expires uploads/ after one day', () => {
    const site = herald.template.toJSON().Resources[logicalId(herald.stack.bucket)].Properties as { LifecycleConfiguration: { Rules: Record<string, unknown>[] } };

    expect(site.LifecycleConfiguration.Rules).toContainEqual(expect.objectContaining({ Prefix: 'uploads/', ExpirationInDays: 1, Status: 'Enabled' }));
  });

  it('admits browser POSTs from the site origin only', () => {
    herald.template.hasResourceProperties('AWS::S3::Bucket', {
      CorsConfiguration: { CorsRules: [{ AllowedMethods: ['POST'], AllowedOrigins: ['https://news.example.org'], AllowedHeaders: ['*'], MaxAge: 3600 }] },
    });
  });

  it('keeps CloudFront from serving uploads/ (unchecked bytes)', () => {
    const policies = Object.values(herald.template.findResources('AWS::S3::BucketPolicy')).map((p) => JSON.stringify(p));
    const deny = policies.find((p) => p.includes('"Effect":"Deny"') && p.includes('/uploads/*') && p.includes('cloudfront.amazonaws.com'));

    expect(deny).toContain('s3:GetObject');
  });
});

describe('the media/* behaviour', () => {
  type Behavior = { PathPattern: string; CachePolicyId: unknown; ResponseHeadersPolicyId: unknown; AllowedMethods: string[] };
  const config = () =>
    (Object.values(herald.template.findResources('AWS::CloudFront::Distribution'))[0]!.Properties as { DistributionConfig: { CacheBehaviors: Behavior[]; DefaultCacheBehavior: Behavior } }).DistributionConfig;

  it('caches media for a year with the site security headers, GET and HEAD only', () => {
    const media = config().CacheBehaviors.find((b) => b.PathPattern === 'media/*')!;
    const policies = herald.template.findResources('AWS::CloudFront::CachePolicy');
    const cache = policies[(media.CachePolicyId as { Ref: string }).Ref]!.Properties.CachePolicyConfig as { DefaultTTL: number; MaxTTL: number };

    expect(cache).toMatchObject({ DefaultTTL: 365 * 86400, MaxTTL: 365 * 86400 });
    expect(media.ResponseHeadersPolicyId).toEqual(config().DefaultCacheBehavior.ResponseHeadersPolicyId);
    expect(media.AllowedMethods).toEqual(['GET', 'HEAD']);
  });
});
