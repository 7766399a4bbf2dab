import { beforeAll, describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import type { Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { logicalId, synthHerald, type SynthesizedHerald } from './synth-herald';

let herald: SynthesizedHerald;
let deploy: string;
beforeAll(() => {
  herald = synthHerald();
  const readme = readFileSync('README.md', 'utf8');
  const start = readme.indexOf('## Deploy to AWS');
  const end = readme.indexOf('\n## ', start + 1);
  deploy = readme.slice(start, end < 0 ? undefined : end);
});

describe("the README's deploy section, against the synthesized template", () => {
  it('exists and names at least one output', () => {
    expect(deploy.length).toBeGreaterThan(100);
    expect(deploy).toMatch(/\boutput\s+`?\w+/);
  });

  it('names only parameters the template declares (it declares none: the token hash lives in SSM)', () => {
    const named = [...deploy.matchAll(/--parameters (\w+)=/g)].map((m) => m[1]!);
    const declared = Object.keys(herald.template.toJSON().Parameters ?? {}).filter((p) => p !== 'BootstrapVersion');
    for (const name of named) expect(declared).toContain(name);
  });

  it('stores the bootstrap token hash as the SecureString the functions read, from a generated token', () => {
    const fn = herald.template.toJSON().Resources[logicalId(herald.stack.authorizer.fn)].Properties as { Environment: { Variables: Record<string, string> } };
    const parameter = fn.Environment.Variables.ADMIN_TOKEN_PARAMETER!;

    expect(deploy).toContain('openssl rand -base64 32');
    expect(deploy).toMatch(new RegExp(`aws ssm put-parameter[^\\n]*--name ${parameter}[^\\n]*--type SecureString`));
    expect(deploy).not.toContain('change-me-');
  });

  it('deploys HeraldEdge (the web ACL) and names the settings a production deploy requires', () => {
    expect(deploy).toContain('cdk deploy HeraldEdge');
    for (const setting of ['webAclArn', 'alarmTopicArn', 'stage', 'domainName', 'certificateArn']) expect(deploy).toContain(`\`${setting}\``);
  });

  it('names only outputs the templates declare', () => {
    const named = [...deploy.matchAll(/\boutput\s+`?(\w+)/g)].map((m) => m[1]!);
    const edge = Template.fromStack(herald.app.node.findChild('HeraldEdge') as Stack);
    const declared = [...Object.keys(herald.template.toJSON().Outputs ?? {}), ...Object.keys(edge.toJSON().Outputs ?? {})];
    expect(named).toEqual(expect.arrayContaining(['DistributionDomainName', 'DeadLetterQueueUrl', 'ReconcilerFunctionName', 'WebAclArn']));
    for (const name of named) expect(declared).toContain(name);
  });
});
