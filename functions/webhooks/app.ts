import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { parseOrThrow } from '../../shared/domain/validation';
import { makeHttpApp, pathParam, who, type AppRequest } from '../../shared/http/http-app';
import { jsonBody } from '../../shared/http/request';
import { json, type HttpResult } from '../../shared/http/responses';
import type { HeraldLogger } from '../../shared/logger';
import type { RequestAuthenticator } from '../../shared/services/request-authenticator';
import { WebhookInput, type WebhookMessage } from '../../shared/webhooks/webhook';
import type { WebhookService } from '../../shared/webhooks/webhook-service';
import { WEBHOOK_ROUTE_DOCS } from './route-docs';

const DELIVERY_ID = /^(published|updated|retracted)\.[0-9a-f-]{36}\.v\d{1,9}$/;

/** What the webhooks function's HTTP side needs. */
export type WebhookHttpDeps = {
  webhooks: WebhookService;
  /** The per-announcement delivery record (deliveries-record.ts). */
  announcementDeliveries: (id: string) => Promise<unknown>;
  authenticator: RequestAuthenticator;
  logger: HeraldLogger;
};

/**
 * The webhook routes (admins only) and the per-announcement delivery record
 * (any signed-in editor) as a function of an API Gateway v2 event.
 */
export function makeWebhookHttpApp(deps: WebhookHttpDeps) {
  const handlers: Record<keyof typeof WEBHOOK_ROUTE_DOCS, (req: AppRequest) => Promise<HttpResult>> = {
    createWebhook: async (req) => {
      const created = await deps.webhooks.register(parseOrThrow(WebhookInput, jsonBody(req.event)), who(req));
      return json(201, created, { location: `/api/webhooks/${created.id}`, 'cache-control': 'no-store' });
    },
    listWebhooks: async () => json(200, { items: await deps.webhooks.list() }),
    deleteWebhook: async (req) => {
      await deps.webhooks.remove(pathParam(req, 'id', 'webhook'));
      return { statusCode: 204, headers: { 'cache-control': 'no-store' }, body: '' };
    },
    listDeliveries: async (req) => json(200, { items: await deps.webhooks.deliveries(pathParam(req, 'id', 'webhook')) }),
    resendDelivery: async (req) => json(202, await deps.webhooks.resend(pathParam(req, 'id', 'webhook'), pathParam(req, 'deliveryId', 'delivery', DELIVERY_ID))),
    announcementDeliveries: async (req) => json(200, await deps.announcementDeliveries(pathParam(req, 'id', 'announcement'))),
  };
  const routes = Object.entries(handlers).map(([name, handle]) => ({ ...WEBHOOK_ROUTE_DOCS[name as keyof typeof WEBHOOK_ROUTE_DOCS], handle }));
  return makeHttpApp({ label: 'webhooks', routes, authenticator: deps.authenticator, logger: deps.logger });
}

/**
 * The webhooks queue's consumer: an announcement event fans out to one
 * delivery per endpoint; an attempt message makes one signed POST. Records run
 * side by side, each POST bounded by its own timeout, so a hanging target never
 * holds another endpoint's delivery. Only a store failure reports a record failed.
 */
export function makeWebhookQueueApp(deps: { webhooks: WebhookService; logger: HeraldLogger }) {
  return async function handle(event: SQSEvent): Promise<SQSBatchResponse> {
    const failures: { itemIdentifier: string }[] = [];
    await Promise.all(
      event.Records.map(async (record) => {
        try {
          const m = JSON.parse(record.body) as WebhookMessage;
          if (m.kind === 'webhook-event') deps.logger.info('webhook event', { ...m, deliveries: await deps.webhooks.fanOut(m) });
          else if (m.kind === 'webhook-attempt') deps.logger.info('webhook attempt', { ...m, outcome: await deps.webhooks.attempt(m) });
          else deps.logger.warn('unknown webhooks message dropped', { messageId: record.messageId });
        } catch (err) {
          deps.logger.warn('webhooks message failed', { messageId: record.messageId, error: err instanceof Error ? err.message : String(err) });
          failures.push({ itemIdentifier: record.messageId });
        }
      }),
    );
    return { batchItemFailures: failures };
  };
}
