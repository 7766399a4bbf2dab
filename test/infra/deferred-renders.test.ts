import { beforeAll, describe, expect, it } from '@jest/globals';
import { logicalId, synthHerald, type SynthesizedHerald } from './synth-herald';

let herald: SynthesizedHerald;
let ref: (value: string) => unknown;
beforeAll(() => {
  herald = synthHerald();
  ref = (value) => herald.stack.resolve(value) as unknown;
});

describe('the deferred-render step in the cloud', () => {
  it('is the publisher draining its own encrypted queue (DLQ after 5 receives, two batches at once), whose URL it is given to send to', () => {
    const { queue, deadLetterQueue } = herald.stack.queues['deferred-renders']!;
    herald.template.hasResourceProperties('AWS::SQS::Queue', {
      SqsManagedSseEnabled: true,
      RedrivePolicy: { deadLetterTargetArn: ref(deadLetterQueue.queueArn), maxReceiveCount: 5 },
    });
    herald.template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      EventSourceArn: ref(queue.queueArn),
      FunctionName: { Ref: logicalId(herald.stack.publisher.fn) },
      BatchSize: 10,
      ScalingConfig: { MaximumConcurrency: 2 },
      FunctionResponseTypes: ['ReportBatchItemFailures'],
    });
    const env = (herald.template.toJSON().Resources[logicalId(herald.stack.publisher.fn)] as { Properties: { Environment: { Variables: Record<string, unknown> } } }).Properties.Environment.Variables;
    expect(env.HERALD_QUEUE_DEFERRED_RENDERS_URL).toEqual(ref(queue.queueUrl));
  });
});
