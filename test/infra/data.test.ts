import { beforeAll, describe, expect, it } from '@jest/globals';
import { Match } from 'aws-cdk-lib/assertions';
import { logicalId, synthHerald, type SynthesizedHerald } from './synth-herald';

let herald: SynthesizedHerald;
beforeAll(() => {
  herald = synthHerald();
});

describe('the table', () => {
  it('has pk/sk, on-demand billing, PITR, deletion protection, a stream with both images and TTL', () => {
    herald.template.hasResourceProperties('AWS::DynamoDB::Table', {
      KeySchema: [
        { AttributeName: 'pk', KeyType: 'HASH' },
        { AttributeName: 'sk', KeyType: 'RANGE' },
      ],
      BillingMode: 'PAY_PER_REQUEST',
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      DeletionProtectionEnabled: true,
      StreamSpecification: { StreamViewType: 'NEW_AND_OLD_IMAGES' },
      TimeToLiveSpecification: { AttributeName: 'expiresAt', Enabled: true },
    });
  });

  it('has exactly one GSI, gsi1 on gsi1pk/gsi1sk, projecting all attributes', () => {
    herald.template.hasResourceProperties('AWS::DynamoDB::Table', {
      GlobalSecondaryIndexes: [
        {
          IndexName: 'gsi1',
          KeySchema: [
            { AttributeName: 'gsi1pk', KeyType: 'HASH' },
            { AttributeName: 'gsi1sk', KeyType: 'RANGE' },
          ],
          Projection: { ProjectionType: 'ALL' },
        },
      ],
      AttributeDefinitions: Match.arrayWith([
        { AttributeName: 'gsi1pk', AttributeType: 'S' },
        { AttributeName: 'gsi1sk', AttributeType: 'S' },
      ]),
    });
  });

  it('is retained when the stack is deleted', () => {
    herald.template.hasResource('AWS::DynamoDB::Table', { DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain' });
  });

  it('follows the deletionProtection setting', () => {
    const unprotected = synthHerald({ deletionProtection: false });

    unprotected.template.hasResourceProperties('AWS::DynamoDB::Table', { DeletionProtectionEnabled: false });
  });
});

describe('the stream trigger', () => {
  it('feeds the publisher in small batches, bisecting, retrying, and reporting item failures', () => {
    // The table stream's mapping, the fediverse delivery queue's, the webhooks queue's and the deferred renders'.
    herald.template.resourceCountIs('AWS::Lambda::EventSourceMapping', 4);
    herald.template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      EventSourceArn: { 'Fn::GetAtt': [logicalId(herald.stack.table), 'StreamArn'] },
      FunctionName: { Ref: logicalId(herald.stack.publisher.fn) },
      StartingPosition: 'TRIM_HORIZON',
      BatchSize: 100,
      MaximumBatchingWindowInSeconds: 1,
      BisectBatchOnFunctionError: true,
      MaximumRetryAttempts: 5,
      MaximumRecordAgeInSeconds: 3600,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      DestinationConfig: {
        OnFailure: { Destination: { 'Fn::GetAtt': [logicalId(herald.stack.trigger.deadLetterQueue), 'Arn'] } },
      },
    });
  });

  it('parks failures in an encrypted queue that refuses plain HTTP', () => {
    const queueId = logicalId(herald.stack.trigger.deadLetterQueue);

    herald.template.hasResourceProperties('AWS::SQS::Queue', { SqsManagedSseEnabled: true, MessageRetentionPeriod: 1209600 });
    herald.template.hasResourceProperties('AWS::SQS::QueuePolicy', {
      Queues: [{ Ref: queueId }],
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
        ]),
      },
    });
  });
});

describe('the alarms', () => {
  const alarmOn = (metric: string, dimension: Record<string, unknown>) =>
    herald.template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: metric,
      Dimensions: [dimension],
      Threshold: Match.anyValue(),
      ComparisonOperator: 'GreaterThanThreshold',
    });

  it('fire when a record reaches the dead-letter queue', () => {
    herald.template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Namespace: 'AWS/SQS',
      MetricName: 'ApproximateNumberOfMessagesVisible',
      Threshold: 0,
      ComparisonOperator: 'GreaterThanThreshold',
      Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': [logicalId(herald.stack.trigger.deadLetterQueue), 'QueueName'] } }],
    });
  });

  it('fire when a schedule event reaches its dead-letter queue', () => {
    const ids = Object.keys(herald.stack.schedules);
    expect(ids.sort()).toEqual(['DueItems', 'NightlyRebuild']);
    for (const id of ids) {
      herald.template.hasResourceProperties('AWS::CloudWatch::Alarm', {
        Namespace: 'AWS/SQS',
        MetricName: 'ApproximateNumberOfMessagesVisible',
        Threshold: 0,
        ComparisonOperator: 'GreaterThanThreshold',
        Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': [logicalId(herald.stack.schedules[id]!.deadLetterQueue), 'QueueName'] } }],
      });
    }
  });

  it.each(['admin', 'authorizer', 'publisher'] as const)('fire on errors and throttles of %s', (name) => {
    const dimension = { Name: 'FunctionName', Value: { Ref: logicalId(herald.stack[name].fn) } };

    alarmOn('Errors', dimension);
    alarmOn('Throttles', dimension);
  });

  it('fire when the publisher falls behind the stream', () => {
    alarmOn('IteratorAge', { Name: 'FunctionName', Value: { Ref: logicalId(herald.stack.publisher.fn) } });
  });
});
