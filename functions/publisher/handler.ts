import type { DynamoDBStreamEvent } from 'aws-lambda';
import { wire } from '../../shared/wiring';
import { makePublisherApp } from './app';

/** Lambda entry for the stream publisher: wiring only. */
const herald = wire();
const app = makePublisherApp({ publisher: herald.publisher(), logger: herald.logger });

export const handler = (event: DynamoDBStreamEvent) => app(event);
