import { beforeAll, describe, expect, it } from '@jest/globals';
import { logicalId, synthHerald, type SynthesizedHerald } from './synth-herald';

let herald: SynthesizedHerald;
beforeAll(() => {
  herald = synthHerald();
});

describe('the due-item job in the cloud', () => {
  it('runs the scheduler function every minute, without retries (the next run catches up)', () => {
    herald.template.hasResourceProperties('AWS::Events::Rule', {
      ScheduleExpression: 'rate(1 minute)',
      State: 'ENABLED',
      Targets: [{ Arn: { 'Fn::GetAtt': [logicalId(herald.stack.scheduler.fn), 'Arn'] }, RetryPolicy: { MaximumRetryAttempts: 0 } }],
    });
  });

  it('lets only EventBridge, from this rule, invoke the scheduler', () => {
    herald.template.hasResourceProperties('AWS::Lambda::Permission', {
      Action: 'lambda:InvokeFunction',
      FunctionName: { 'Fn::GetAtt': [logicalId(herald.stack.scheduler.fn), 'Arn'] },
      Principal: 'events.amazonaws.com',
      SourceArn: { 'Fn::GetAtt': [logicalId(herald.stack.schedules.DueItems!.rule), 'Arn'] },
    });
  });

  it('builds the scheduler from functions/scheduler/handler.ts with the table name it reads', () => {
    const props = herald.template.toJSON().Resources[logicalId(herald.stack.scheduler.fn)].Properties as {
      Runtime: string;
      Environment: { Variables: Record<string, unknown> };
    };
    expect(props.Runtime).toBe('nodejs24.x');
    expect(props.Environment.Variables.TABLE_NAME).toEqual(herald.stack.resolve(herald.stack.table.tableName));
    expect(props.Environment.Variables.POWERTOOLS_SERVICE_NAME).toBe('herald-scheduler');
  });
});
