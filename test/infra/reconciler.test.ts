import { beforeAll, describe, expect, it } from '@jest/globals';
import { logicalId, synthHerald, type SynthesizedHerald } from './synth-herald';

let herald: SynthesizedHerald;
beforeAll(() => {
  herald = synthHerald();
});

describe('the nightly reconciliation in the cloud', () => {
  it('runs the reconciler every night at 03:00 UTC', () => {
    herald.template.hasResourceProperties('AWS::Events::Rule', {
      ScheduleExpression: 'cron(0 3 * * ? *)',
      Targets: [{ Arn: { 'Fn::GetAtt': [logicalId(herald.stack.reconciler.fn), 'Arn'] } }],
    });
  });

  it('alarms on the reconciler failing and names it in an output for the redrive', () => {
    const alarms = Object.values(herald.template.findResources('AWS::CloudWatch::Alarm')) as { Properties: { Dimensions?: { Value: unknown }[] } }[];
    const fn = { Ref: logicalId(herald.stack.reconciler.fn) };
    expect(alarms.some((a) => JSON.stringify(a.Properties.Dimensions ?? []).includes(JSON.stringify(fn)))).toBe(true);
    expect(herald.template.toJSON().Outputs.ReconcilerFunctionName.Value).toEqual(fn);
  });
});
