import type { APIGatewayProxyEventV2, Context, SQSEvent } from 'aws-lambda';
import { wireFediverse } from '../../shared/wiring/fediverse';
import { makeFediverseHttpApp, makeFediverseQueueApp } from './app';

/** Lambda entry for the fediverse: WebFinger, NodeInfo, the actor and inbox (HTTP) and the delivery queue (SQS). */
const wired = wireFediverse();
const http = makeFediverseHttpApp(wired);
const queue = makeFediverseQueueApp(wired);

export const handler = (event: APIGatewayProxyEventV2 | SQSEvent, context?: Context) => {
  if (context) wired.logger.addContext(context);
  return 'Records' in event ? queue(event) : http(event);
};
