import { beforeAll, describe, expect, it } from '@jest/globals';
import { allow, logicalId, normalize, roleStatements, synthHerald, type SynthesizedHerald } from './synth-herald';

let herald: SynthesizedHerald;
let ref: (value: string) => unknown;
beforeAll(() => {
  herald = synthHerald();
  ref = (value) => herald.stack.resolve(value) as unknown;
});

const secretId = () => logicalId(herald.stack.node.findChild('ActivityPubKeys').node.findChild('Secret'));

describe('the fediverse function in the cloud', () => {
  it('has public routes for WebFinger, NodeInfo and /ap/*, integrated with the fediverse function', () => {
    const routes = Object.values(herald.template.findResources('AWS::ApiGatewayV2::Route')).map((r) => r.Properties as { RouteKey: string; AuthorizationType: string });
    for (const key of ['GET /.well-known/webfinger', 'GET /.well-known/nodeinfo', 'ANY /ap/{proxy+}']) {
      expect(routes.find((r) => r.RouteKey === key)?.AuthorizationType).toBe('NONE');
    }
    herald.template.hasResourceProperties('AWS::ApiGatewayV2::Integration', {
      IntegrationUri: { 'Fn::GetAtt': [logicalId(herald.stack.fediverse.fn), 'Arn'] },
      PayloadFormatVersion: '2.0',
    });
  });

  it('drains an encrypted delivery queue with a dead-letter queue after 5 receives, reporting item failures', () => {
    const { queue, deadLetterQueue } = herald.stack.queues.fediverse!;
    herald.template.hasResourceProperties('AWS::SQS::Queue', {
      SqsManagedSseEnabled: true,
      RedrivePolicy: { deadLetterTargetArn: ref(deadLetterQueue.queueArn), maxReceiveCount: 5 },
    });
    herald.template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      EventSourceArn: ref(queue.queueArn),
      FunctionName: { Ref: logicalId(herald.stack.fediverse.fn) },
      BatchSize: 10,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
    });
  });

  it('keeps the key pairs in a secret created empty (no generated value), named in the environment', () => {
    const secret = herald.template.findResources('AWS::SecretsManager::Secret')[secretId()]!;
    expect(secret.Properties).not.toHaveProperty('SecretString');
    expect(secret.Properties).not.toHaveProperty('GenerateSecretString');
    const env = (herald.template.toJSON().Resources[logicalId(herald.stack.fediverse.fn)] as { Properties: { Environment: { Variables: Record<string, unknown> } } }).Properties.Environment.Variables;
    expect(env.ACTIVITYPUB_KEY_SECRET).toEqual({ Ref: secretId() });
    expect(env.ACTIVITYPUB_HANDLE).toBe('news');
    // Language actors are off unless activityPubLanguageActors is set.
    expect(env).not.toHaveProperty('ACTIVITYPUB_LANGUAGE_ACTORS');
    expect(env.HERALD_QUEUE_FEDIVERSE_URL).toEqual(ref(herald.stack.queues.fediverse!.queue.queueUrl));
  });

  it('may touch only its own items, announcements and feed entries, its queue and its secret', () => {
    const { table, queues } = herald.stack;
    const queue = queues.fediverse!.queue;
    expect(roleStatements(herald.template, herald.stack.fediverse.role)).toEqual(
      normalize([
        allow(['logs:CreateLogStream', 'logs:PutLogEvents'], [ref(herald.stack.fediverse.logGroup.logGroupArn)]),
        allow(['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:DeleteItem', 'dynamodb:Query'], [ref(table.tableArn)], {
          'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['ANN#*', 'FEED#*', 'FOLLOWER#*', 'FEDKV#*', 'FEDSENT#*', 'FEDKEY#*', 'FEDMENTION#*'] },
        }),
        // Consume (the event source) and send (Fedify's fan-out and its delayed retries) on its own queue only.
        allow(['sqs:ReceiveMessage', 'sqs:ChangeMessageVisibility', 'sqs:GetQueueUrl', 'sqs:DeleteMessage', 'sqs:GetQueueAttributes', 'sqs:SendMessage'], [ref(queue.queueArn)]),
        allow(['secretsmanager:GetSecretValue', 'secretsmanager:PutSecretValue'], [{ Ref: secretId() }]),
      ]),
    );
  });

  it('sends /ap/* and the two well-known paths from CloudFront to the API', () => {
    const distribution = Object.values(herald.template.findResources('AWS::CloudFront::Distribution'))[0]!;
    const behaviors = (distribution.Properties as { DistributionConfig: { CacheBehaviors: { PathPattern: string; TargetOriginId: string }[] } }).DistributionConfig.CacheBehaviors;
    const api = behaviors.find((b) => b.PathPattern === 'api/*')!.TargetOriginId;
    for (const path of ['ap/*', '.well-known/webfinger', '.well-known/nodeinfo']) expect(behaviors.find((b) => b.PathPattern === path)?.TargetOriginId).toBe(api);
  });
});
