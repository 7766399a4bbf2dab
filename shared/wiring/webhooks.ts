import { SQSClient } from '@aws-sdk/client-sqs';
import { DynamoFeedIndex } from '../adapters/dynamo-feed-index';
import { DynamoSessionStore } from '../adapters/dynamo-session-store';
import { DynamoTokenStore } from '../adapters/dynamo-token-store';
import { DynamoWebhookStore } from '../adapters/dynamo-webhook-store';
import { sqsSend, type QueueSend } from '../adapters/queue-message-queue';
import { ConfigError, loadConfig, type HeraldConfig } from '../config';
import { permalinkOf } from '../render/feed-context';
import { makeRequestAuthenticator } from '../services/request-authenticator';
import { makeSessionService } from '../services/session-service';
import { makeDeliveriesRecord } from '../webhooks/deliveries-record';
import { makeWebhookSender } from '../webhooks/sender';
import { makeWebhookService } from '../webhooks/webhook-service';
import { basics } from './basics';
import { bootstrapVerifier } from './bootstrap-token';
import { siteInfoOf } from './site-info';
import { randomUUID } from 'node:crypto';

/**
 * The webhooks function's services: endpoints and deliveries in the table,
 * the webhooks queue (SQS, or the local runtime's through `send`), the signed
 * sender (private targets refused unless the local runtime allows them).
 */
export function wireWebhooks(config: HeraldConfig = loadConfig(), local?: { send: QueueSend }) {
  const { doc, logger } = basics(config);
  const send = local?.send ?? (config.webhooksQueueUrl ? sqsSend(config.webhooksQueueUrl, new SQSClient({ region: config.region })) : undefined);
  if (!send) throw new ConfigError('invalid environment: HERALD_QUEUE_WEBHOOKS_URL: is required');
  const store = new DynamoWebhookStore(doc, config.tableName);
  const index = new DynamoFeedIndex(doc, config.tableName);
  const site = siteInfoOf(config);
  const allowPrivate = config.allowPrivateAddress ?? false;
  const webhooks = makeWebhookService({
    store,
    send: makeWebhookSender({ allowPrivate }),
    enqueue: (m, delay) => send(JSON.stringify(m), delay),
    announcement: (id) => index.get(id),
    permalink: (a) => permalinkOf(site, a),
    allowPrivate,
    clock: () => new Date(),
    logger,
  });
  const sessions = makeSessionService({ sessions: new DynamoSessionStore(doc, config.tableName), clock: () => new Date(), newId: randomUUID });
  return {
    logger,
    webhooks,
    announcementDeliveries: makeDeliveriesRecord({ doc, table: config.tableName, index, webhooks: store, handle: config.activityPubHandle ?? 'news' }),
    authenticator: makeRequestAuthenticator({
      verifyToken: bootstrapVerifier(new DynamoTokenStore(doc, config.tableName), config, logger),
      verifySession: sessions.verify,
      siteUrl: config.siteUrl,
    }),
  };
}
