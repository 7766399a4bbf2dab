import { beforeAll, describe, expect, it } from '@jest/globals';
import type { FunctionDeclaration } from '../../infra/function-declaration';
import { FUNCTIONS } from '../../infra/functions';
import { localPlan } from '../../infra/local/plan';
import { cloudInventory, disagreements, localInventory } from './trigger-inventory';
import { logicalId, roleStatements, synthHerald, synthWithFunctions, unacknowledgedNagFindings, type SynthesizedHerald } from './synth-herald';

/** A queue consumer and a sender that exist only in this test, to prove the queue trigger kind. */
const worker: FunctionDeclaration = {
  name: 'test-worker',
  entry: 'test/support/queue-worker.ts',
  description: 'Test-only queue consumer',
  memoryMb: 256,
  timeoutSeconds: 20,
  reservedConcurrency: 2,
  triggers: [{ kind: 'queue', queue: 'test-work', batchSize: 10, maxReceiveCount: 3 }],
  environment: [],
  grants: {},
};
const sender: FunctionDeclaration = { ...worker, name: 'test-sender', triggers: [], grants: { queues: ['test-work'] } };

let herald: SynthesizedHerald;
let withQueue: SynthesizedHerald;
beforeAll(() => {
  herald = synthHerald();
  withQueue = synthWithFunctions([...FUNCTIONS, worker, sender]);
});

describe('the cloud and the local runtime', () => {
  it('serve the same routes, stream, schedules and authorizer, both ways', () => {
    const cloud = cloudInventory(herald);

    expect(disagreements(cloud, localInventory(localPlan(FUNCTIONS)))).toEqual([]);
    expect(cloud).toEqual([
      'authorizer -> authorizer',
      'queue deferred-renders batch 10 at once 2 receives 5 -> publisher',
      'queue fediverse batch 10 receives 5 -> fediverse',
      'queue webhooks batch 1 at once 5 receives 5 -> webhooks',
      'route ANY /ap/{proxy+} public -> fediverse',
      'route ANY /api/{proxy+} token -> admin',
      'route DELETE /api/invitations/{id} token -> identity',
      'route DELETE /api/media/{id} token -> media',
      'route DELETE /api/redirects token -> redirects',
      'route DELETE /api/users/{id}/passkeys/{passkeyId} token -> identity',
      'route DELETE /api/users/{id}/sessions/{sessionId} token -> identity',
      'route DELETE /api/webhooks/{id} token -> webhooks',
      'route GET /.well-known/nodeinfo public -> fediverse',
      'route GET /.well-known/webfinger public -> fediverse',
      'route GET /api/announcements/{id}/deliveries token -> webhooks',
      'route GET /api/auth/me public -> identity',
      'route GET /api/health public -> admin',
      'route GET /api/invitations token -> identity',
      'route GET /api/media token -> media',
      'route GET /api/redirects token -> redirects',
      'route GET /api/tags token -> review',
      'route GET /api/users token -> identity',
      'route GET /api/webhooks token -> webhooks',
      'route GET /api/webhooks/{id}/deliveries token -> webhooks',
      'route GET /review/{token} public -> review',
      'route POST /api/auth/login public -> identity',
      'route POST /api/auth/login/options public -> identity',
      'route POST /api/auth/logout public -> identity',
      'route POST /api/auth/register public -> identity',
      'route POST /api/auth/register/options public -> identity',
      'route POST /api/invitations token -> identity',
      'route POST /api/media token -> media',
      'route POST /api/media/fetch token -> media',
      'route POST /api/media/{id}/complete token -> media',
      'route POST /api/preview token -> review',
      'route POST /api/webhooks token -> webhooks',
      'route POST /api/webhooks/{id}/deliveries/{deliveryId}/resend token -> webhooks',
      'route PUT /api/redirects token -> redirects',
      'schedule cron(0 3 * * ? *) -> reconciler',
      'schedule rate(1 minute) -> scheduler',
      'stream batch 100 -> publisher',
    ]);
  });

  it('are told apart when a route is served on one side only', () => {
    const cloud = cloudInventory(herald);
    const local = localInventory(localPlan(FUNCTIONS));
    const extra = 'route POST /api/webhooks public -> admin';

    expect(disagreements(cloud, [...local, extra])).toEqual([`only locally: ${extra}`]);
    expect(disagreements([...cloud, extra], local)).toEqual([`only in the cloud: ${extra}`]);
  });

  it('agree on a queue trigger too, declared once', () => {
    const cloud = cloudInventory(withQueue);

    expect(disagreements(cloud, localInventory(localPlan([...FUNCTIONS, worker, sender])))).toEqual([]);
    expect(cloud).toContain('queue test-work batch 10 receives 3 -> test-worker');
  });
});

describe('a queue trigger in the cloud', () => {
  it('is an encrypted, TLS-only queue with a dead-letter queue, drained with item failures reported', () => {
    const { stack, template } = withQueue;
    const q = stack.queues['test-work']!;

    template.hasResourceProperties('AWS::SQS::Queue', {
      SqsManagedSseEnabled: true,
      VisibilityTimeout: 120,
      RedrivePolicy: { deadLetterTargetArn: stack.resolve(q.deadLetterQueue.queueArn), maxReceiveCount: 3 },
    });
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      EventSourceArn: stack.resolve(q.queue.queueArn),
      FunctionResponseTypes: ['ReportBatchItemFailures'],
    });
  });

  it('lets the declared sender, and only it, send to it, and tells it where', () => {
    const { stack, template } = withQueue;
    const queue = stack.resolve(stack.queues['test-work']!.queue.queueArn);
    const sends = (name: string) =>
      roleStatements(template, stack.functions[name]!.role).some(
        (s) => s.Action.includes('sqs:SendMessage') && JSON.stringify(s.Resource) === JSON.stringify([queue]),
      );
    const envOf = (name: string) =>
      (template.toJSON().Resources[logicalId(stack.functions[name]!.fn)] as { Properties: { Environment: { Variables: Record<string, unknown> } } })
        .Properties.Environment.Variables;

    expect(sends('test-sender')).toBe(true);
    expect(sends('admin')).toBe(false);
    expect(envOf('test-sender').HERALD_QUEUE_TEST_WORK_URL).toEqual(stack.resolve(stack.queues['test-work']!.queue.queueUrl));
  });

  it('leaves cdk-nag with nothing unacknowledged', () => {
    expect(unacknowledgedNagFindings(withQueue.app)).toEqual([]);
  });
});
