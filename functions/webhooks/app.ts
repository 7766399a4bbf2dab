import type { APIGatewayProxyEventV2, SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { ForbiddenError, NotFoundError } from '../../shared/domain/errors';
import { parseOrThrow } from '../../shared/domain/validation';
import { trimTrailingSlashes } from '../../shared/http/path';
import { jsonBody } from '../../shared/http/request';
import { errorResponse, json, type HttpResult } from '../../shared/http/responses';
import { matchRoute } from '../../shared/http/route-match';
import type { HeraldLogger } from '../../shared/logger';
import type { Principal } from '../../shared/principal';
import type { RequestAuthenticator } from '../../shared/services/request-authenticator';
import { WebhookInput, type WebhookMessage } from '../../shared/webhooks/webhook';
import type { WebhookService } from '../../shared/webhooks/webhook-service';
import { patternOf } from '../admin/route-types';
import { WEBHOOK_ROUTE_DOCS } from './route-docs';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const DELIVERY_ID = /^(published|updated|retracted)\.[0-9a-f-]{36}\.v\d{1,9}$/;

type Req = { event: APIGatewayProxyEventV2; params: Record<string, string>; principal: Principal };

/** A path parameter that cannot name anything is a 404, not a 400. */
const param = (req: Req, name: string, shape: RegExp, what: string) => {
  const value = req.params[name] ?? '';
  if (!shape.test(value)) throw new NotFoundError(`no ${what} with id ${value.slice(0, 64)}`);
  return value;
};

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
  const handlers: Record<keyof typeof WEBHOOK_ROUTE_DOCS, (req: Req) => Promise<HttpResult>> = {
    createWebhook: async ({ event, principal }) => {
      const created = await deps.webhooks.register(parseOrThrow(WebhookInput, jsonBody(event)), principal);
      return json(201, created, { location: `/api/webhooks/${created.id}`, 'cache-control': 'no-store' });
    },
    listWebhooks: async () => json(200, { items: await deps.webhooks.list() }),
    deleteWebhook: async (req) => {
      await deps.webhooks.remove(param(req, 'id', UUID, 'webhook'));
      return { statusCode: 204, headers: { 'cache-control': 'no-store' }, body: '' };
    },
    listDeliveries: async (req) => json(200, { items: await deps.webhooks.deliveries(param(req, 'id', UUID, 'webhook')) }),
    resendDelivery: async (req) => json(202, await deps.webhooks.resend(param(req, 'id', UUID, 'webhook'), param(req, 'deliveryId', DELIVERY_ID, 'delivery'))),
    announcementDeliveries: async (req) => json(200, await deps.announcementDeliveries(param(req, 'id', UUID, 'announcement'))),
  };
  const table = Object.entries(handlers).map(([name, handle]) => {
    const doc = WEBHOOK_ROUTE_DOCS[name as keyof typeof WEBHOOK_ROUTE_DOCS];
    return { doc, pattern: patternOf(doc.path), handle };
  });
  return async function handle(event: APIGatewayProxyEventV2): Promise<HttpResult> {
    const requestId = event.requestContext?.requestId ?? 'local';
    const method = event.requestContext.http.method.toUpperCase();
    try {
      const { route, params } = matchRoute(table, method, trimTrailingSlashes(event.rawPath), (r) => ({ method: r.doc.method, pattern: r.pattern }));
      const { principal } = await deps.authenticator.require(event);
      if ('role' in route.doc && route.doc.role === 'admin' && principal.role !== 'admin') throw new ForbiddenError(`${method} ${route.doc.path} needs an admin`);
      const result = await route.handle({ event, params, principal });
      if (method !== 'GET') deps.logger.info('webhooks write', { requestId, method, route: route.doc.path, status: result.statusCode, subject: principal.subject });
      return result;
    } catch (err) {
      const response = errorResponse(err, requestId);
      if (response.statusCode >= 500) deps.logger.error('request failed', { requestId, error: err instanceof Error ? err.stack : String(err) });
      return response;
    }
  };
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
