import { WebhookInput } from '../../shared/webhooks/webhook';
import type { Route } from '../admin/route-types';

/** What the OpenAPI document says about one route the webhooks function serves (the admin function documents it). */
export type WebhookRouteDoc = Pick<Route, 'method' | 'path' | 'doc' | 'public' | 'role'>;

const ATTEMPTS = '{ items: [{ id, event, announcementId, version, state: pending|delivered|failed, createdAt, attempts: [{ at, status?, error?, ms }] }] }';

/** The webhook routes and the per-announcement delivery record, apart from the admin function's bundle. */
export const WEBHOOK_ROUTE_DOCS = {
  createWebhook: {
    method: 'POST',
    path: '/api/webhooks',
    role: 'admin',
    doc: {
      summary: 'Register a webhook endpoint; the signing secret (whsec_...) is shown this once',
      body: WebhookInput,
      responses: { 201: '{ id, secret, url, events, createdAt, createdBy }', 400: 'bad url or unknown event (path url, events.N); in the cloud a url resolving to a private, loopback or link-local address' },
    },
  },
  listWebhooks: {
    method: 'GET',
    path: '/api/webhooks',
    role: 'admin',
    doc: { summary: 'Every webhook endpoint (never its secret)', responses: { 200: '{ items: [{ id, url, events, createdAt, createdBy }] }' } },
  },
  deleteWebhook: {
    method: 'DELETE',
    path: '/api/webhooks/{id}',
    role: 'admin',
    doc: { summary: 'Remove a webhook endpoint: nothing more is sent to it', responses: { 204: 'removed', 404: 'no such webhook' } },
  },
  listDeliveries: {
    method: 'GET',
    path: '/api/webhooks/{id}/deliveries',
    role: 'admin',
    doc: { summary: 'Deliveries to one endpoint, newest first, with every attempt', responses: { 200: ATTEMPTS, 404: 'no such webhook' } },
  },
  resendDelivery: {
    method: 'POST',
    path: '/api/webhooks/{id}/deliveries/{deliveryId}/resend',
    role: 'admin',
    doc: { summary: 'Send a delivery again (same webhook-id and body, a fresh retry budget)', responses: { 202: 'the delivery, pending', 404: 'no such webhook or delivery' } },
  },
  announcementDeliveries: {
    method: 'GET',
    path: '/api/announcements/{id}/deliveries',
    doc: {
      summary: 'Where the current version of an announcement went: feeds, WebSub hubs, ActivityPub, webhooks',
      responses: { 200: '{ id, version, status, channels: { feeds, websub, activityPub: { activities, followers, inboxes: { reached, pending, failed, failedInboxes } }, webhooks: [{ endpointId, url, state, attempts }] } }', 404: 'no such announcement' },
    },
  },
} as const satisfies Record<string, WebhookRouteDoc>;
