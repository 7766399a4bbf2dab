import { beforeAll, describe, expect, it } from '@jest/globals';
import { redirectsFunctionCode } from '../../infra/edge/redirects-code';
import { logicalId, normalize, roleStatements, synthHerald, type SynthesizedHerald } from './synth-herald';

/**
 * Issue 14's redirects in the cloud: a CloudFront KeyValueStore read by the
 * default behaviour's viewer-request function, and the redirects function that
 * alone may update it (DescribeKeyValueStore and UpdateKeys, that store only).
 */
let herald: SynthesizedHerald;
let ref: (value: string) => unknown;
type Behavior = { PathPattern?: string; FunctionAssociations?: { EventType: string; FunctionARN: unknown }[] };
let config: { DefaultCacheBehavior: Behavior; CacheBehaviors: Behavior[] };
beforeAll(() => {
  herald = synthHerald();
  ref = (value) => herald.stack.resolve(value) as unknown;
  const [dist] = Object.values(herald.template.findResources('AWS::CloudFront::Distribution'));
  config = dist!.Properties.DistributionConfig;
}, 120_000);

const store = () => Object.entries(herald.template.findResources('AWS::CloudFront::KeyValueStore'));
const functions = () => Object.entries(herald.template.findResources('AWS::CloudFront::Function'));
const redirectFunction = () => functions().find(([, f]) => String(f.Properties.FunctionCode).includes('kvsHandle'))!;

describe('the redirect lookup at the edge', () => {
  it('is one KeyValueStore', () => {
    expect(store()).toHaveLength(1);
  });

  it('is a cloudfront-js-2.0 function with the store associated and SITE_URL filled in', () => {
    const [, fn] = redirectFunction();
    const [storeId] = store()[0]!;
    expect(fn.Properties.FunctionConfig.Runtime).toBe('cloudfront-js-2.0');
    expect(fn.Properties.FunctionConfig.KeyValueStoreAssociations).toEqual([{ KeyValueStoreARN: { 'Fn::GetAtt': [storeId, 'Arn'] } }]);
    const siteUrl = herald.stack.node.tryGetContext('herald').siteUrl as string;
    expect(fn.Properties.FunctionCode).toBe(redirectsFunctionCode(siteUrl.replace(/\/+$/, '')));
    expect(fn.Properties.FunctionCode).toContain(`var SITE_URL = "${siteUrl.replace(/\/+$/, '')}";`);
  });

  it('runs on viewer request of the default behaviour, where old paths land, and not on /api/*, feeds or media', () => {
    const [id] = redirectFunction();
    const association = [{ EventType: 'viewer-request', FunctionARN: { 'Fn::GetAtt': [id, 'FunctionARN'] } }];
    expect(config.DefaultCacheBehavior.FunctionAssociations).toEqual(association);
    for (const b of config.CacheBehaviors) expect(JSON.stringify(b.FunctionAssociations ?? [])).not.toContain(id);
    expect(config.CacheBehaviors.find((b) => b.PathPattern === 'api/*')?.FunctionAssociations).toBeUndefined();
  });
});

describe('the redirects function', () => {
  it('serves PUT, GET and DELETE /api/redirects behind the token authorizer', () => {
    const routes = Object.values(herald.template.findResources('AWS::ApiGatewayV2::Route')).map((r) => r.Properties as { RouteKey: string; AuthorizationType: string });
    for (const key of ['PUT /api/redirects', 'GET /api/redirects', 'DELETE /api/redirects', 'POST /api/media/fetch']) {
      expect(routes.find((r) => r.RouteKey === key)?.AuthorizationType).toBe('CUSTOM');
    }
  });

  it('is told the store by REDIRECTS_KVS_ARN', () => {
    const env = (herald.template.toJSON().Resources[logicalId(herald.stack.redirects.fn)] as { Properties: { Environment: { Variables: Record<string, unknown> } } }).Properties.Environment.Variables;
    expect(env.REDIRECTS_KVS_ARN).toEqual({ 'Fn::GetAtt': [store()[0]![0], 'Arn'] });
  });

  it('may touch its own items and update that store, nothing else', () => {
    const statements = roleStatements(herald.template, herald.stack.redirects.role);
    expect(statements).toEqual(
      normalize([
        { Effect: 'Allow', Action: ['logs:CreateLogStream', 'logs:PutLogEvents'], Resource: [ref(herald.stack.redirects.logGroup.logGroupArn)] },
        {
          Effect: 'Allow',
          Action: ['dynamodb:PutItem', 'dynamodb:DeleteItem', 'dynamodb:Query'],
          Resource: [ref(herald.stack.table.tableArn)],
          Condition: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['REDIRECT#*'] } },
        },
        { Effect: 'Allow', Action: ['cloudfront-keyvaluestore:DescribeKeyValueStore', 'cloudfront-keyvaluestore:UpdateKeys'], Resource: [{ 'Fn::GetAtt': [store()[0]![0], 'Arn'] }] },
      ]),
    );
  });

  it('is the only function that may write the store', () => {
    for (const [name, fn] of Object.entries(herald.stack.functions)) {
      if (name === 'redirects') continue;
      expect(JSON.stringify(roleStatements(herald.template, fn.role))).not.toContain('cloudfront-keyvaluestore');
    }
  });
});
