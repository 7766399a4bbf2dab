import { beforeAll, describe, expect, it } from '@jest/globals';
import type { IConstruct } from 'constructs';
import { HERALD_RUNTIME } from '../../infra/constructs/herald-function';
import { FUNCTIONS } from '../../infra/functions';
import { isEditorDeployment, logicalId, synthHerald, type SynthesizedHerald } from './synth-herald';

let herald: SynthesizedHerald;
beforeAll(() => {
  herald = synthHerald({ hubs: ['https://pubsubhubbub.appspot.com/'], languages: ['en', 'fr'] });
});

type FunctionProps = { Runtime: string; Architectures: string[]; Handler: string; Environment: { Variables: Record<string, unknown> } } & Record<
  string,
  unknown
>;
const propsOf = (name: (typeof FUNCTIONS)[number]['name']): FunctionProps => {
  const id = logicalId(herald.stack[name].fn);
  return (herald.template.toJSON().Resources[id] as { Properties: FunctionProps }).Properties;
};
const ref = (value: string) => herald.stack.resolve(value) as unknown;

describe('every declared function', () => {
  it('is in the stack, once, and nothing else is', () => {
    expect(Object.keys(herald.stack.functions).sort()).toEqual(FUNCTIONS.map((f) => f.name).sort());
    const lambdas = Object.keys(herald.template.findResources('AWS::Lambda::Function'));
    // Besides them only the editor's deployment handler (aws-cdk-lib's, deploy time only).
    expect(lambdas.filter((id) => !isEditorDeployment(id))).toHaveLength(FUNCTIONS.length);
    expect(lambdas.filter(isEditorDeployment)).toHaveLength(1);
  });

  it.each(FUNCTIONS.map((f) => [f.name, f] as const))('builds %s with its declared memory, timeout, reserved concurrency and description', (name, decl) => {
    expect(propsOf(name)).toMatchObject({
      MemorySize: decl.memoryMb,
      Timeout: decl.timeoutSeconds,
      ReservedConcurrentExecutions: decl.reservedConcurrency,
      Description: decl.description,
    });
  });

  it.each(FUNCTIONS.map((f) => f.name))('runs %s on the explicit Node runtime, arm64, JSON logs', (name) => {
    const props = propsOf(name);

    expect(HERALD_RUNTIME.name).toBe('nodejs24.x');
    expect(props).toMatchObject({
      Runtime: 'nodejs24.x',
      Architectures: ['arm64'],
      Handler: 'index.handler',
      LoggingConfig: { LogFormat: 'JSON', LogGroup: { Ref: logicalId(herald.stack[name].logGroup) } },
    });
    expect(props.Environment.Variables.NODE_OPTIONS).toBe('--enable-source-maps');
    expect(props.Environment.Variables.POWERTOOLS_SERVICE_NAME).toBe(`herald-${name}`);
    expect(props.Environment.Variables.POWERTOOLS_METRICS_NAMESPACE).toBe('Herald');
  });

  it('gives admin and publisher the site configuration the runtime reads', () => {
    const site = {
      TABLE_NAME: ref(herald.stack.table.tableName),
      BUCKET_NAME: ref(herald.stack.bucket.bucketName),
      SITE_URL: 'https://news.example.org',
      SITE_TITLE: 'Herald',
      SITE_DESCRIPTION: 'Announcements',
      SITE_LANGUAGE: 'en',
      FEED_PAGE_SIZE: '50',
      CANONICAL_HOSTS: '',
      WEBSUB_HUBS: 'https://pubsubhubbub.appspot.com/',
    };

    expect(propsOf('admin').Environment.Variables).toMatchObject(site);
    expect(propsOf('admin').Environment.Variables).not.toHaveProperty('ADMIN_TOKEN_PARAMETER');
    expect(propsOf('publisher').Environment.Variables).toMatchObject(site);
    expect(propsOf('publisher').Environment.Variables).not.toHaveProperty('ADMIN_TOKEN_PARAMETER');
  });

  it('passes the canonical hosts setting to every function that renders or validates links', () => {
    const withHosts = synthHerald({ canonicalHosts: ['www.example.org', 'campaign.example.net'] });
    const variables = (name: 'admin' | 'publisher' | 'reconciler') =>
      (withHosts.template.toJSON().Resources[logicalId(withHosts.stack[name].fn.node.defaultChild as IConstruct)].Properties.Environment.Variables as Record<string, string>);
    for (const name of ['admin', 'publisher', 'reconciler'] as const) {
      expect(variables(name).CANONICAL_HOSTS).toBe('www.example.org,campaign.example.net');
    }
  });

  it('gives the authorizer only the table, SITE_URL (the CSRF rule) and where the token hash and the origin secret are', () => {
    expect(Object.keys(propsOf('authorizer').Environment.Variables).sort()).toEqual([
      'ADMIN_TOKEN_PARAMETER',
      'NODE_OPTIONS',
      'ORIGIN_SECRET_PARAMETER',
      'POWERTOOLS_METRICS_NAMESPACE',
      'POWERTOOLS_SERVICE_NAME',
      'SITE_URL',
      'TABLE_NAME',
    ]);
  });

  it('exports the outputs an operator needs', () => {
    const outputs = Object.keys(herald.template.toJSON().Outputs as object);

    expect(outputs).toEqual(
      expect.arrayContaining(['DistributionDomainName', 'ApiEndpoint', 'BucketName', 'TableName', 'DeadLetterQueueUrl']),
    );
  });
});
