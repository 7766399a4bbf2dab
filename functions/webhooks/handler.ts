import type { APIGatewayProxyEventV2, Context, SQSEvent } from 'aws-lambda';
import { wireWebhooks } from '../../shared/wiring/webhooks';
import { makeWebhookHttpApp, makeWebhookQueueApp } from './app';

/** Lambda entry for webhooks: the admin routes and delivery record (HTTP) and the signed sends (SQS). */
const wired = wireWebhooks();
const http = makeWebhookHttpApp(wired);
const queue = makeWebhookQueueApp(wired);

export const handler = (event: APIGatewayProxyEventV2 | SQSEvent, context?: Context) => {
  if (context) wired.logger.addContext(context);
  return 'Records' in event ? queue(event) : http(event);
};
