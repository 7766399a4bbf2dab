import type { Announcement } from '../domain/announcement';
import { activitiesOf } from '../fediverse/events';
import type { WebhookEvent, WebhookEventMessage } from './webhook';

const EVENT_OF = { create: 'announcement.published', update: 'announcement.updated', delete: 'announcement.retracted' } as const satisfies Record<string, WebhookEvent>;

/**
 * The webhook events one batch of stored changes calls for: the same rule as
 * the fediverse's activities (first publication, new version of a published
 * one, a published one retracted), so the two channels never disagree. Pure.
 */
export function webhookEventsOf(changes: readonly { before?: Announcement; after?: Announcement }[]): WebhookEventMessage[] {
  return activitiesOf(changes).map((m) => ({ kind: 'webhook-event', event: EVENT_OF[m.activity], id: m.id, version: m.version }));
}
