import { randomBytes, randomUUID } from 'node:crypto';
import type { Announcement } from '../domain/announcement';
import { NotFoundError } from '../domain/errors';
import type { HeraldLogger } from '../logger';
import type { WebhookStore } from '../ports/webhook-store';
import type { Principal } from '../principal';
import { checkTarget, type Resolve } from './target-guard';
import type { WebhookSend } from './sender';
import { deliveryIdOf, type WebhookAttemptMessage, type WebhookDelivery, type WebhookEventMessage, type WebhookMessage, type WebhookPayload } from './webhook';
import type { WebhookInput } from './webhook';
import type { z } from 'zod/mini';

/** Seconds to wait before each retry: bounded, growing; after the last a delivery is failed (and may be re-sent). */
export const RETRY_DELAYS_SECONDS = [2, 10, 60, 300, 900] as const;

/** A stored delivery carries its exact body, so every retry and re-send is byte-identical. */
type StoredDelivery = WebhookDelivery & { body?: string };

/** What the service needs. */
export type WebhookServiceDeps = {
  store: WebhookStore;
  send: WebhookSend;
  /** Puts a message on the webhooks queue, visible after `delaySeconds`. */
  enqueue: (m: WebhookMessage, delaySeconds: number) => Promise<void>;
  /** The announcement as stored now, or undefined. */
  announcement: (id: string) => Promise<Announcement | undefined>;
  permalink: (a: Announcement) => string;
  allowPrivate: boolean;
  resolve?: Resolve;
  clock: () => Date;
  logger: HeraldLogger;
};

const publicView = ({ secret: _secret, ...e }: { secret: string } & Record<string, unknown>) => e;

/**
 * Webhook endpoints (register, list, remove), the fan-out of an announcement
 * event to one delivery per subscribed endpoint (created once, so duplicate
 * stream records send nothing), and each attempt with bounded retries.
 */
export function makeWebhookService(deps: WebhookServiceDeps) {
  const endpointOrThrow = async (id: string) => {
    const e = await deps.store.getEndpoint(id);
    if (!e) throw new NotFoundError(`no webhook with id ${id}`);
    return e;
  };
  return {
    async register(input: z.output<typeof WebhookInput>, by: Principal) {
      await checkTarget(input.url, { allowPrivate: deps.allowPrivate, resolve: deps.resolve });
      const endpoint = { id: randomUUID(), url: input.url, events: input.events, secret: `whsec_${randomBytes(32).toString('base64')}`, createdAt: deps.clock().toISOString(), createdBy: by.subject };
      await deps.store.putEndpoint(endpoint);
      return endpoint;
    },
    list: async () => (await deps.store.listEndpoints()).map(publicView),
    async remove(id: string) {
      if (!(await deps.store.deleteEndpoint(id))) throw new NotFoundError(`no webhook with id ${id}`);
    },
    async deliveries(id: string) {
      await endpointOrThrow(id);
      return (await deps.store.listDeliveries(id)).map(({ body: _body, ...d }: StoredDelivery) => d);
    },
    async resend(id: string, deliveryId: string) {
      await endpointOrThrow(id);
      const d = await deps.store.getDelivery(id, deliveryId);
      if (!d) throw new NotFoundError(`no delivery ${deliveryId} for webhook ${id}`);
      await deps.store.reopen(id, deliveryId, d.attempts.length);
      await deps.enqueue({ kind: 'webhook-attempt', endpointId: id, deliveryId }, 0);
      return { ...d, state: 'pending' as const };
    },

    /** One announcement event: a delivery per subscribed endpoint, each attempted through the queue. */
    async fanOut(m: WebhookEventMessage): Promise<number> {
      const a = await deps.announcement(m.id);
      if (!a) return 0;
      const payload: WebhookPayload = {
        type: m.event,
        timestamp: deps.clock().toISOString(),
        data: { id: a.id, url: deps.permalink(a), title: a.title, language: a.language, status: a.status, version: m.version },
      };
      const body = JSON.stringify(payload);
      let made = 0;
      for (const e of await deps.store.listEndpoints()) {
        if (!e.events.includes(m.event)) continue;
        const delivery: StoredDelivery = { id: deliveryIdOf(m.event, a.id, m.version), endpointId: e.id, event: m.event, announcementId: a.id, version: m.version, state: 'pending', createdAt: payload.timestamp, attempts: [], body };
        if (!(await deps.store.createDelivery(delivery))) continue;
        await deps.enqueue({ kind: 'webhook-attempt', endpointId: e.id, deliveryId: delivery.id }, 0);
        made += 1;
      }
      return made;
    },

    /** One attempt: sign, POST, record; a failure is retried after the next delay until the delays run out. */
    async attempt(m: WebhookAttemptMessage): Promise<'delivered' | 'retry' | 'failed' | 'gone' | 'skipped'> {
      const [endpoint, delivery] = await Promise.all([deps.store.getEndpoint(m.endpointId), deps.store.getDelivery(m.endpointId, m.deliveryId) as Promise<StoredDelivery | undefined>]);
      if (!endpoint || !delivery?.body) return 'gone';
      if (delivery.state !== 'pending') return 'skipped';
      const at = deps.clock();
      const result = await deps.send(endpoint, delivery.id, delivery.body, at);
      const tries = delivery.attempts.length + 1;
      const ok = result.error === undefined;
      // Attempts since the last re-send count towards the retry budget.
      const sinceResend = tries - (delivery.resentAfter ?? 0);
      const retry = !ok && sinceResend <= RETRY_DELAYS_SECONDS.length;
      const state = ok ? 'delivered' : retry ? 'pending' : 'failed';
      await deps.store.recordAttempt(m.endpointId, m.deliveryId, { at: at.toISOString(), ms: result.ms, ...(result.status !== undefined ? { status: result.status } : {}), ...(result.error ? { error: result.error } : {}) }, state);
      if (retry) await deps.enqueue(m, RETRY_DELAYS_SECONDS[sinceResend - 1]!);
      if (!ok) deps.logger.warn('webhook attempt failed', { endpoint: m.endpointId, delivery: m.deliveryId, tries, error: result.error });
      return ok ? 'delivered' : retry ? 'retry' : 'failed';
    },
  };
}

/** The webhook service. */
export type WebhookService = ReturnType<typeof makeWebhookService>;
