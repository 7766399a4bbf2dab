import '../domain/zod-english';
import * as z from 'zod/mini';

/** The events an endpoint may subscribe to (Standard Webhooks' dotted names). */
export const WEBHOOK_EVENTS = ['announcement.published', 'announcement.updated', 'announcement.retracted'] as const;

/** One of the events Herald sends. */
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];

/** POST /api/webhooks: an http(s) URL (no credentials, at most 2000 characters) and at least one known event. */
export const WebhookInput = z.strictObject({
  url: z
    .url({ protocol: /^https?$/, message: 'must be an http or https URL' })
    .check(z.maxLength(2000), z.refine((u) => !/^[a-z]+:\/\/[^/]*@/i.test(u), 'must not carry a user name or password')),
  events: z.pipe(
    z
      .array(z.enum(WEBHOOK_EVENTS, { message: `must be one of ${WEBHOOK_EVENTS.join(', ')}` }))
      .check(z.minLength(1), z.maxLength(WEBHOOK_EVENTS.length)),
    z.transform((e: WebhookEvent[]) => [...new Set(e)]),
  ),
});

/** A registered endpoint; `secret` (whsec_...) signs every delivery and is shown once, at registration. */
export type WebhookEndpoint = { id: string; url: string; events: WebhookEvent[]; secret: string; createdAt: string; createdBy: string };

/** One attempt to deliver: when, the HTTP status if any answer came, the error if not 2xx. */
export type DeliveryAttempt = { at: string; status?: number; error?: string; ms: number };

/** What became of one event for one endpoint. */
export type DeliveryState = 'pending' | 'delivered' | 'failed';

/** One event for one endpoint, with every attempt; the id is the Standard Webhooks message id (webhook-id). */
export type WebhookDelivery = {
  id: string;
  endpointId: string;
  event: WebhookEvent;
  announcementId: string;
  version: number;
  state: DeliveryState;
  createdAt: string;
  attempts: DeliveryAttempt[];
  /** How many attempts came before the last re-send (a re-send gets the whole retry budget again). */
  resentAfter?: number;
};

/** The signed body: { type, timestamp, data }, as Standard Webhooks recommends. */
export type WebhookPayload = {
  type: WebhookEvent;
  timestamp: string;
  data: { id: string; url: string; title: string; language: string; status: string; version: number };
};

/** The delivery id of an event: stable, so a duplicate stream record finds the delivery already made. */
export const deliveryIdOf = (event: WebhookEvent, announcementId: string, version: number) => `${event.split('.')[1]}.${announcementId}.v${version}`;

/** Queue message: an announcement changed (the publisher sends it), to be fanned out to the endpoints. */
export type WebhookEventMessage = { kind: 'webhook-event'; event: WebhookEvent; id: string; version: number };

/** Queue message: one attempt of one delivery (the fan-out, a retry after backoff, or a re-send). */
export type WebhookAttemptMessage = { kind: 'webhook-attempt'; endpointId: string; deliveryId: string };

/** Any message on the webhooks queue. */
export type WebhookMessage = WebhookEventMessage | WebhookAttemptMessage;
