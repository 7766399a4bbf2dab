import type { DynamoDBStreamEvent } from 'aws-lambda';
import { wire } from '../../shared/wiring';
import { makePublisherApp } from './app';

/** Lambda entry for the stream publisher: wiring only. */
const herald = wire();
const app = makePublisherApp({
  publisher: herald.publisher(),
  rebuilds: herald.rebuilds,
  clock: () => new Date(),
  logger: herald.logger,
});

export const handler = (event: DynamoDBStreamEvent) => app(event);
