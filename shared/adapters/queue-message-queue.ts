import { SendMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { MessageQueue, MessageQueueEnqueueOptions } from '@fedify/fedify';
import { fitForSqs } from './sqs-fit';

/** Sends one message body to a queue, visible after `delaySeconds` (SQS allows up to 900). */
export type QueueSend = (body: string, delaySeconds: number) => Promise<void>;

/** SQS's longest message delay; a longer backoff waits this long instead. */
export const MAX_DELAY_SECONDS = 900;

/**
 * Fedify's MessageQueue on a queue Herald does not poll itself: SQS in the
 * cloud (an event source mapping calls the consumer), the local runtime's
 * in-process queue on one machine. `listen` is never used: the consumer hands
 * each message to `federation.processQueuedTask` (manuallyStartQueue), as on
 * any platform without long-running workers. A message too large for SQS
 * (a fan-out to many followers) is cut to fit first (sqs-fit.ts).
 */
export class SendOnlyMessageQueue implements MessageQueue {
  readonly nativeRetrial = false;
  constructor(private readonly send: QueueSend) {}

  async enqueue(message: unknown, options?: MessageQueueEnqueueOptions): Promise<void> {
    const seconds = options?.delay ? Math.ceil(options.delay.total('second')) : 0;
    for (const part of fitForSqs(message)) await this.send(JSON.stringify(part), Math.max(0, Math.min(MAX_DELAY_SECONDS, seconds)));
  }

  enqueueMany = async (messages: readonly unknown[], options?: MessageQueueEnqueueOptions): Promise<void> => {
    for (const m of messages) await this.enqueue(m, options);
  };

  listen(): Promise<void> {
    return Promise.reject(new Error('this queue is consumed by its event source (processQueuedTask), not by listen()'));
  }
}

/** SendMessage to an SQS queue by URL, through the SDK's SQS client. */
export function sqsSend(queueUrl: string, sqs: Pick<SQSClient, 'send'>): QueueSend {
  return async (body, delaySeconds) => {
    await sqs.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: body, DelaySeconds: delaySeconds }));
  };
}
