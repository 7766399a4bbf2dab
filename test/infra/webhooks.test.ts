import { beforeAll, describe, expect, it } from '@jest/globals';
import { allow, logicalId, normalize, roleStatements, synthHerald, type SynthesizedHerald } from './synth-herald';

let herald: SynthesizedHerald;
let ref: (value: string) => unknown;
beforeAll(() => {
  herald = synthHerald();
  ref = (value) => herald.stack.resolve(value) as unknown;
});

describe('the webhooks function in the cloud', () => {
  it('serves its routes behind the token authorizer', () => {
    const routes = Object.values(herald.template.findResources('AWS::ApiGatewayV2::Route')).map((r) => r.Properties as { RouteKey: string; AuthorizationType: string });
    for (const key of ['POST /api/webhooks', 'GET /api/webhooks', 'DELETE /api/webhooks/{id}', 'GET /api/webhooks/{id}/deliveries', 'POST /api/webhooks/{id}/deliveries/{deliveryId}/resend', 'GET /api/announcements/{id}/deliveries']) {
      expect(routes.find((r) => r.RouteKey === key)?.AuthorizationType).toBe('CUSTOM');
    }
  });

  it('drains an encrypted queue with a dead-letter queue after 5 receives: one attempt per batch, five batches at once', () => {
    const { queue, deadLetterQueue } = herald.stack.queues.webhooks!;
    herald.template.hasResourceProperties('AWS::SQS::Queue', {
      SqsManagedSseEnabled: true,
      RedrivePolicy: { deadLetterTargetArn: ref(deadLetterQueue.queueArn), maxReceiveCount: 5 },
    });
    herald.template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      EventSourceArn: ref(queue.queueArn),
      FunctionName: { Ref: logicalId(herald.stack.webhooks.fn) },
      BatchSize: 1,
      ScalingConfig: { MaximumConcurrency: 5 },
      FunctionResponseTypes: ['ReportBatchItemFailures'],
    });
    const env = (herald.template.toJSON().Resources[logicalId(herald.stack.webhooks.fn)] as { Properties: { Environment: { Variables: Record<string, unknown> } } }).Properties.Environment.Variables;
    expect(env.HERALD_QUEUE_WEBHOOKS_URL).toEqual(ref(queue.queueUrl));
  });

  it('may touch only its own items, read announcements, publish records, the sent log, tokens and sessions, and its queue', () => {
    const { table, queues } = herald.stack;
    const statements = roleStatements(herald.template, herald.stack.webhooks.role);
    const nonSsm = statements.filter((s) => !s.Action.some((a) => a.startsWith('ssm:') || a.startsWith('kms:')));
    expect(nonSsm).toEqual(
      normalize([
        allow(['logs:CreateLogStream', 'logs:PutLogEvents'], [ref(herald.stack.webhooks.logGroup.logGroupArn)]),
        allow(['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:Query'], [ref(table.tableArn)], {
          'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['WEBHOOK#*', 'WEBHOOKDLV#*', 'ANN#*', 'PUBREC#*', 'FEDSENT#*', 'FOLLOWER#*', 'TOKEN#*', 'SESSION#*'] },
        }),
        allow(['sqs:ReceiveMessage', 'sqs:ChangeMessageVisibility', 'sqs:GetQueueUrl', 'sqs:DeleteMessage', 'sqs:GetQueueAttributes', 'sqs:SendMessage'], [ref(queues.webhooks!.queue.queueArn)]),
      ]),
    );
    // No S3, no other queue, no secret beyond the bootstrap token hash.
    expect(JSON.stringify(statements)).not.toMatch(/s3:|secretsmanager:/);
  });
});
