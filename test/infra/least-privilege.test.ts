import { beforeAll, describe, expect, it } from '@jest/globals';
import { isEditorDeployment, roleStatements, synthHerald, type Statement, type SynthesizedHerald } from './synth-herald';

let herald: SynthesizedHerald;
beforeAll(() => {
  herald = synthHerald();
});

type Restricted = 'publisher' | 'reconciler' | 'scheduler';
const ref = (value: string) => herald.stack.resolve(value) as unknown;
const onTable = (s: Statement) => s.Resource.some((r) => JSON.stringify(r) === JSON.stringify(ref(herald.stack.table.tableArn)));
const leadingKeys = (s: Statement): string[] | undefined =>
  (s.Condition as { 'ForAllValues:StringLike'?: { 'dynamodb:LeadingKeys'?: string[] } } | undefined)?.['ForAllValues:StringLike']?.[
    'dynamodb:LeadingKeys'
  ];
/** IAM's StringLike: `*` any run of characters, `?` one character. */
const likes = (pattern: string, value: string) =>
  new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`).test(value);

describe('least privilege inside the table', () => {
  it.each(['publisher', 'reconciler', 'scheduler'] as const)('puts a dynamodb:LeadingKeys condition on every table grant of %s', (name: Restricted) => {
    const tableStatements = roleStatements(herald.template, herald.stack[name].role).filter(onTable);

    expect(tableStatements.length).toBeGreaterThan(0);
    for (const s of tableStatements) expect(leadingKeys(s)?.length).toBeGreaterThan(0);
  });

  it.each(['publisher', 'reconciler', 'scheduler'] as const)('lets %s touch no TOKEN# or TOKENID# item', (name: Restricted) => {
    const patterns = roleStatements(herald.template, herald.stack[name].role)
      .filter(onTable)
      .flatMap((s) => leadingKeys(s) ?? ['*']);

    for (const key of ['TOKEN#0123abcd', 'TOKENID#42', 'IDEM#scope']) {
      expect(patterns.filter((p) => likes(p, key))).toEqual([]);
    }
  });

  it('lets the scheduler query only the DUE partition of gsi1', () => {
    const index = ref(`${herald.stack.table.tableArn}/index/gsi1`);
    const onIndex = roleStatements(herald.template, herald.stack.scheduler.role).filter((s) =>
      s.Resource.some((r) => JSON.stringify(r) === JSON.stringify(index)),
    );

    expect(onIndex).toHaveLength(1);
    expect(onIndex[0]?.Action).toEqual(['dynamodb:Query']);
    expect(leadingKeys(onIndex[0]!)).toEqual(['DUE']);
  });

  it('gives the publisher and reconciler only Query on the list partition of gsi1 (a rebuild lists the announcements)', () => {
    for (const name of ['publisher', 'reconciler'] as const) {
      const onIndex = roleStatements(herald.template, herald.stack[name].role).filter((s) => JSON.stringify(s.Resource).includes('/index/'));
      expect(onIndex.map((s) => s.Action)).toEqual([['dynamodb:Query']]);
      expect(leadingKeys(onIndex[0]!)).toEqual(['ANN']);
    }
  });

  it('grants dynamodb:ConditionCheckItem to the publisher alone, on announcements only', () => {
    const actions = roleStatements(herald.template, herald.stack.admin.role).flatMap((s) => s.Action);
    const checks = roleStatements(herald.template, herald.stack.publisher.role).filter((s) => [s.Action].flat().includes('dynamodb:ConditionCheckItem'));

    expect(actions).toContain('dynamodb:TransactWriteItems');
    expect(actions).not.toContain('dynamodb:ConditionCheckItem');
    expect(checks.map((s) => s.Action)).toEqual([['dynamodb:ConditionCheckItem']]);
    expect(leadingKeys(checks[0]!)).toEqual(['ANN#*']);
  });
});

describe('bucket grants', () => {
  it('name no assets/* prefix, which nothing writes', () => {
    const policies = JSON.stringify(herald.template.findResources('AWS::IAM::Policy'));

    expect(policies).toContain('/feeds/*');
    expect(policies).not.toContain('assets/');
  });
});

describe('every function', () => {
  it('has reserved concurrency, so one cannot starve the others or run away', () => {
    const functions = Object.entries(herald.template.findResources('AWS::Lambda::Function'))
      .filter(([id]) => !isEditorDeployment(id))
      .map(([, fn]) => fn) as { Properties: { ReservedConcurrentExecutions?: number } }[];

    expect(functions.length).toBeGreaterThanOrEqual(5);
    for (const fn of functions) expect(fn.Properties.ReservedConcurrentExecutions).toBeGreaterThan(0);
  });
});

describe('the schedule rules', () => {
  type Target = { Arn: unknown; DeadLetterConfig?: { Arn: { 'Fn::GetAtt': [string, string] } } };
  const rules = () =>
    Object.entries(herald.template.findResources('AWS::Events::Rule')) as [string, { Properties: { ScheduleExpression: string; Targets: Target[] } }][];

  it('are both there: nightly 03:00 UTC and every minute', () => {
    expect(rules().map(([, r]) => r.Properties.ScheduleExpression).sort()).toEqual(['cron(0 3 * * ? *)', 'rate(1 minute)']);
  });

  it('send undeliverable events to an encrypted, TLS-only dead-letter queue that only their rule may write', () => {
    const queues = herald.template.findResources('AWS::SQS::Queue');
    const policies = Object.values(herald.template.findResources('AWS::SQS::QueuePolicy'));
    for (const [ruleId, rule] of rules()) {
      const dlq = rule.Properties.Targets[0]?.DeadLetterConfig?.Arn['Fn::GetAtt'][0];
      expect(dlq).toBeDefined();
      expect(queues[dlq!]?.Properties).toMatchObject({ SqsManagedSseEnabled: true });
      const policy = JSON.stringify(policies.filter((p) => JSON.stringify(p.Properties.Queues).includes(`"${dlq}"`)));
      expect(policy).toContain('"aws:SecureTransport":"false"');
      expect(policy).toContain('"Service":"events.amazonaws.com"');
      expect(policy).toContain(`"aws:SourceArn":{"Fn::GetAtt":["${ruleId}","Arn"]}`);
    }
  });
});
