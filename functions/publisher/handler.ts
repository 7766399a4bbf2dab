import type { Context, DynamoDBStreamEvent } from 'aws-lambda';
import { wirePublisher } from '../../shared/wiring/publisher';
import { makePublisherApp } from './app';

/** Lambda entry for the stream publisher: wiring only. */
const wired = wirePublisher();
const app = makePublisherApp({ ...wired, clock: () => new Date() });

export const handler = (event: DynamoDBStreamEvent, context?: Context) => {
  // Puts the request id on every log line of this invocation.
  if (context) wired.logger.addContext(context);
  return app(event, context ? () => context.getRemainingTimeInMillis() : undefined);
};
