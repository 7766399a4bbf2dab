import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from '@jest/globals';
import { Annotations, Match } from 'aws-cdk-lib/assertions';
import { Bucket } from 'aws-cdk-lib/aws-s3';
import { VALIDATION_REPORT_FILE } from 'aws-cdk-lib/cx-api';
import { buildHerald, synthHerald, unacknowledgedNagFindings, type SynthesizedHerald } from './synth-herald';

type ValidationReport = { pluginReports: { pluginName?: string; violations?: unknown[] }[] };

let herald: SynthesizedHerald;
beforeAll(() => {
  // The full synth `cdk synth` runs: cdk-nag plus CloudFormation's own template validation.
  herald = synthHerald({}, { cfnValidation: true });
});

describe('cdk-nag AWS Solutions checks', () => {
  it('leave no unacknowledged error or warning', () => {
    expect(unacknowledgedNagFindings(herald.app)).toEqual([]);
  });

  it('leave the synthesized validation report empty (no plugin, no construct warning)', () => {
    const report = JSON.parse(readFileSync(join(herald.app.outdir, VALIDATION_REPORT_FILE), 'utf8')) as ValidationReport;

    expect(report.pluginReports).toEqual([]);
  });

  it('leave no construct warning or error on the stack', () => {
    const annotations = Annotations.fromStack(herald.stack);

    expect(annotations.findWarning('*', Match.anyValue())).toEqual([]);
    expect(annotations.findError('*', Match.anyValue())).toEqual([]);
  });

  it('leave none with a custom domain, admin origins and an alarm topic either', () => {
    const custom = buildHerald({
      domainName: 'news.example.org',
      certificateArn: 'arn:aws:acm:us-east-1:123456789012:certificate/0f1e2d3c-aaaa-bbbb-cccc-123456789abc',
      adminOrigins: ['https://admin.example.org'],
      alarmTopicArn: 'arn:aws:sns:eu-west-1:123456789012:herald-alarms',
      bucketVersioning: false,
    });
    custom.app.synth();

    expect(unacknowledgedNagFindings(custom.app)).toEqual([]);
  });

  it('do report a resource nobody acknowledged (control: the check is not vacuous)', () => {
    const { app, stack } = buildHerald();
    new Bucket(stack, 'Unlogged');

    expect(unacknowledgedNagFindings(app)).toEqual(
      expect.arrayContaining([expect.stringMatching(/^error AwsSolutions-S1 at Herald\/Unlogged\/Resource$/)]),
    );
  });
});
