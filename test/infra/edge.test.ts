import { beforeAll, describe, expect, it } from '@jest/globals';
import type { Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { RATE_LIMITS } from '../../infra/herald-edge-stack';
import { logicalId, roleStatements, synthHerald, unacknowledgedNagFindings, type SynthesizedHerald } from './synth-herald';

/**
 * Issue 10 §3 at the edge, on the synthesized templates: the bootstrap token's hash
 * read from SSM (no parameter, no env var), the origin secret CloudFront sends and the
 * authorizer checks, and the WAF web ACL with per-client rate limits.
 */
let herald: SynthesizedHerald;
type FunctionProps = { Environment: { Variables: Record<string, unknown> } };
const envOf = (name: 'admin' | 'authorizer' | 'publisher' | 'scheduler' | 'reconciler') =>
  (herald.template.toJSON().Resources[logicalId(herald.stack[name].fn)].Properties as FunctionProps).Environment.Variables;
const PARAMETER = '/herald/admin-token-sha256';
const WEB_ACL = 'arn:aws:wafv2:us-east-1:123456789012:global/webacl/HeraldEdge-rate-limit/0f1e2d3c-aaaa-bbbb-cccc-123456789abc';

beforeAll(() => {
  herald = synthHerald();
});

describe('the bootstrap admin token hash', () => {
  const parameterArn = () => ({ 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':ssm:', { Ref: 'AWS::Region' }, ':', { Ref: 'AWS::AccountId' }, `:parameter${PARAMETER}`]] });

  it('is no CloudFormation parameter and no Lambda environment variable', () => {
    expect(Object.keys(herald.template.toJSON().Parameters ?? {})).not.toContain('AdminTokenSha256');
    for (const name of ['admin', 'authorizer', 'publisher', 'scheduler', 'reconciler'] as const) {
      expect(envOf(name)).not.toHaveProperty('ADMIN_TOKEN_SHA256');
      expect(JSON.stringify(envOf(name))).not.toMatch(/[0-9a-f]{64}/);
    }
  });

  it('is named to the authorizer by its SSM parameter name, not to the admin function', () => {
    expect(envOf('authorizer').ADMIN_TOKEN_PARAMETER).toBe(PARAMETER);
    // The admin function trusts the authorizer's verdict and never reads the hash.
    expect(envOf('admin')).not.toHaveProperty('ADMIN_TOKEN_PARAMETER');
    expect(envOf('publisher')).not.toHaveProperty('ADMIN_TOKEN_PARAMETER');
  });

  it.each(['authorizer'] as const)('may be read by the %s function: GetParameter on that one parameter, Decrypt only via SSM for it', (name) => {
    const statements = roleStatements(herald.template, herald.stack[name].role);

    const readable = statements.filter((st) => st.Action.includes('ssm:GetParameter')).flatMap((st) => st.Resource);

    expect(readable).toContainEqual(parameterArn());
    // The authorizer also reads the origin secret's reference path; nothing else is readable.
    expect(readable.filter((r) => !JSON.stringify(r).includes('/aws/reference/secretsmanager/Herald/origin-verify'))).toEqual([parameterArn()]);
    expect(statements).toContainEqual({
      Effect: 'Allow',
      Action: ['kms:Decrypt'],
      Resource: [{ 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':kms:', { Ref: 'AWS::Region' }, ':', { Ref: 'AWS::AccountId' }, ':key/*']] }],
      Condition: {
        StringEquals: {
          'kms:ViaService': { 'Fn::Join': ['', ['ssm.', { Ref: 'AWS::Region' }, '.', { Ref: 'AWS::URLSuffix' }]] },
          'kms:EncryptionContext:PARAMETER_ARN': parameterArn(),
        },
      },
    });
  });

  it('may not be read by the publisher, scheduler or reconciler', () => {
    for (const name of ['publisher', 'scheduler', 'reconciler'] as const) {
      expect(JSON.stringify(roleStatements(herald.template, herald.stack[name].role))).not.toMatch(/ssm:|kms:|secretsmanager:/);
    }
  });

  it('comes from the adminTokenParameter setting', () => {
    const custom = synthHerald({ adminTokenParameter: '/acme/herald/bootstrap' });
    const props = custom.template.toJSON().Resources[logicalId(custom.stack.authorizer.fn)].Properties as FunctionProps;

    expect(props.Environment.Variables.ADMIN_TOKEN_PARAMETER).toBe('/acme/herald/bootstrap');
  });
});

describe('the origin secret', () => {
  it('is generated in Secrets Manager', () => {
    herald.template.hasResourceProperties('AWS::SecretsManager::Secret', {
      Name: 'Herald/origin-verify',
      GenerateSecretString: { PasswordLength: 48, ExcludePunctuation: true, IncludeSpace: false },
    });
  });

  it('is sent by CloudFront to the API origin only, as x-herald-origin', () => {
    const [distribution] = Object.values(herald.template.findResources('AWS::CloudFront::Distribution'));
    const origins = distribution?.Properties.DistributionConfig.Origins as { DomainName: unknown; OriginCustomHeaders?: unknown }[];
    const api = origins.find((o) => JSON.stringify(o.DomainName).includes('ApiEndpoint'));
    const secretId = logicalId(herald.stack.node.findChild('OriginSecret').node.findChild('Secret'));

    expect(api?.OriginCustomHeaders).toEqual([
      { HeaderName: 'x-herald-origin', HeaderValue: { 'Fn::Join': ['', ['{{resolve:secretsmanager:', { Ref: secretId }, ':SecretString:::}}']] } },
    ]);
    expect(origins.filter((o) => o.OriginCustomHeaders !== undefined)).toHaveLength(1);
  });

  it('is read by the authorizer alone, through the SSM reference path', () => {
    const secretId = logicalId(herald.stack.node.findChild('OriginSecret').node.findChild('Secret'));
    const statements = roleStatements(herald.template, herald.stack.authorizer.role);

    expect(envOf('authorizer').ORIGIN_SECRET_PARAMETER).toBe('/aws/reference/secretsmanager/Herald/origin-verify');
    expect(statements).toContainEqual({ Effect: 'Allow', Action: ['secretsmanager:GetSecretValue'], Resource: [{ Ref: secretId }] });
    expect(JSON.stringify(statements)).toContain(':parameter/aws/reference/secretsmanager/Herald/origin-verify');
    expect(JSON.stringify(roleStatements(herald.template, herald.stack.admin.role))).not.toContain('secretsmanager');
  });

  it('must reach the authorizer: API Gateway answers 401 itself when the header is missing', () => {
    herald.template.hasResourceProperties('AWS::ApiGatewayV2::Authorizer', {
      IdentitySource: ['$request.header.x-herald-origin'],
    });
  });
});

describe('the WAF web ACL (stack HeraldEdge)', () => {
  let edge: Template;
  beforeAll(() => {
    edge = Template.fromStack(synthHerald().app.node.findChild('HeraldEdge') as Stack);
  });

  it('lives in us-east-1 with CLOUDFRONT scope and outputs its ARN', () => {
    const built = synthHerald();
    const stack = built.app.node.findChild('HeraldEdge') as Stack;

    expect(stack.region).toBe('us-east-1');
    edge.hasResourceProperties('AWS::WAFv2::WebACL', { Scope: 'CLOUDFRONT', DefaultAction: { Allow: {} } });
    edge.hasOutput('WebAclArn', { Value: { 'Fn::GetAtt': [Match.anyValue(), 'Arn'] } });
  });

  it('blocks a client IP over its rate: /api/* far below the static site', () => {
    const [acl] = Object.values(edge.findResources('AWS::WAFv2::WebACL'));
    const rules = acl?.Properties.Rules as { Name: string; Action: unknown; Statement: { RateBasedStatement: Record<string, unknown> } }[];

    expect(rules.map((r) => [r.Name, r.Action, r.Statement.RateBasedStatement.AggregateKeyType, r.Statement.RateBasedStatement.Limit])).toEqual([
      ['ApiRatePerIp', { Block: {} }, 'IP', RATE_LIMITS.api],
      ['SiteRatePerIp', { Block: {} }, 'IP', RATE_LIMITS.site],
    ]);
    expect(rules[0]?.Statement.RateBasedStatement.ScopeDownStatement).toMatchObject({
      ByteMatchStatement: { FieldToMatch: { UriPath: {} }, PositionalConstraint: 'STARTS_WITH', SearchString: '/api/' },
    });
    expect(RATE_LIMITS.api).toBeLessThan(RATE_LIMITS.site);
  });

  it('is attached to the distribution when webAclArn is set (required for production)', () => {
    const withAcl = synthHerald({ webAclArn: WEB_ACL });

    withAcl.template.hasResourceProperties('AWS::CloudFront::Distribution', { DistributionConfig: Match.objectLike({ WebACLId: WEB_ACL }) });
    herald.template.hasResourceProperties('AWS::CloudFront::Distribution', { DistributionConfig: Match.objectLike({ WebACLId: Match.absent() }) });
  });
});

describe('a production deploy', () => {
  it('synthesizes cdk-nag clean with the alarm topic and the web ACL attached', () => {
    const prod = synthHerald({ stage: 'production', alarmTopicArn: 'arn:aws:sns:eu-west-1:123456789012:herald-alarms', webAclArn: WEB_ACL });

    prod.template.hasResourceProperties('AWS::CloudWatch::Alarm', { AlarmActions: ['arn:aws:sns:eu-west-1:123456789012:herald-alarms'] });
    expect(unacknowledgedNagFindings(prod.app)).toEqual([]);
  });
});
