import type { Context, DynamoDBStreamEvent, SQSEvent } from 'aws-lambda';
import { wirePublisher } from '../../shared/wiring/publisher';
import { makePublisherApp } from './app';
import { deferredQueueOf } from './deferred-step';

/** Lambda entry for the stream publisher and its deferred-render queue: wiring only. */
const wired = wirePublisher();
const app = makePublisherApp({ ...wired, clock: () => new Date() });
const step = deferredQueueOf(wired);
const fromQueue = (event: DynamoDBStreamEvent | SQSEvent): event is SQSEvent => event.Records[0]?.eventSource === 'aws:sqs';

export const handler = (event: DynamoDBStreamEvent | SQSEvent, context?: Context) => {
  // Puts the request id on every log line of this invocation.
  if (context) wired.logger.addContext(context);
  const remaining = context ? () => context.getRemainingTimeInMillis() : undefined;
  return fromQueue(event) ? step(event, remaining) : app(event, remaining);
};
