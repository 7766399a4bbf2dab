import type { DynamoDBStreamEvent } from 'aws-lambda';
import { wirePublisher } from '../../shared/wiring/publisher';
import { makePublisherApp } from './app';

/** Lambda entry for the stream publisher: wiring only. */
const app = makePublisherApp({ ...wirePublisher(), clock: () => new Date() });

export const handler = (event: DynamoDBStreamEvent) => app(event);
