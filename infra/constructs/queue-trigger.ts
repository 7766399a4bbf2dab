import { Duration, Validations } from 'aws-cdk-lib';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { QueueTrigger as QueueTriggerDeclaration } from '../function-declaration';
import { terminalQueue } from './terminal-queue';

/** Props of a queue trigger: its consumer, the consumer's timeout, and the declared batching. */
export interface QueueTriggerProps {
  readonly consumer: IFunction;
  readonly consumerTimeout: Duration;
  readonly trigger: QueueTriggerDeclaration;
}

/**
 * A work queue and the function that drains it: encrypted, TLS only, a message
 * retried `maxReceiveCount` times and then moved to its dead-letter queue; the
 * consumer reports item failures, so one bad message does not retry a batch.
 */
export class QueueTrigger extends Construct {
  readonly queue: Queue;
  readonly deadLetterQueue: Queue;

  constructor(scope: Construct, id: string, props: QueueTriggerProps) {
    super(scope, id);
    this.deadLetterQueue = terminalQueue(this, 'DeadLetters');
    Validations.of(this.deadLetterQueue).acknowledge({
      id: 'AwsSolutions-SQS3',
      reason: `This queue is itself the dead-letter queue of the ${props.trigger.queue} queue.`,
    });
    this.queue = new Queue(this, 'Queue', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      // AWS's advice for Lambda consumers: at least six times the function's timeout.
      visibilityTimeout: Duration.seconds(props.consumerTimeout.toSeconds() * 6),
      deadLetterQueue: { queue: this.deadLetterQueue, maxReceiveCount: props.trigger.maxReceiveCount },
    });
    props.consumer.addEventSource(new SqsEventSource(this.queue, {
        batchSize: props.trigger.batchSize,
        reportBatchItemFailures: true,
        ...(props.trigger.maxConcurrency ? { maxConcurrency: props.trigger.maxConcurrency } : {}),
      }));
  }
}
