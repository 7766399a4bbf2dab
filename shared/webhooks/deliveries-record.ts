import { QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DynamoDeliveryOutcomes, OUTCOME_SK } from '../adapters/dynamo-delivery-outcomes';
import { DynamoFollowerStore } from '../adapters/dynamo-follower-store';
import { inboxSummary } from '../fediverse/inbox-summary';
import { DynamoPublishRecords, type PublishRecord } from '../adapters/dynamo-publish-records';
import type { Announcement } from '../domain/announcement';
import { NotFoundError } from '../domain/errors';
import type { WebhookStore } from '../ports/webhook-store';
import { KEY_PREFIXES } from '../table-definition';
import { deliveryIdOf, type WebhookEvent } from './webhook';

/** The webhook event a version's state calls for: published (v1 or first publish), updated, retracted. */
const eventsOf = (a: Announcement): WebhookEvent[] =>
  a.status === 'published' ? ['announcement.published', 'announcement.updated'] : a.status === 'retracted' ? ['announcement.retracted'] : [];

/**
 * GET /api/announcements/{id}/deliveries: every channel and its state for the
 * announcement's current version, from what each sender recorded: the
 * publisher's record (feeds written, WebSub topics pinged), the fediverse
 * sent log (which activity went to the site actor's followers, and when, and how many follow now) with each
 * shared inbox's outcome (reached, pending, failed), each webhook
 * endpoint's delivery. A channel with no record says so instead of guessing.
 */
export function makeDeliveriesRecord(deps: { doc: DynamoDBDocumentClient; table: string; index: { get(id: string): Promise<Announcement | undefined> }; webhooks: WebhookStore; handle: string }) {
  const records = new DynamoPublishRecords(deps.doc, deps.table);
  const followers = new DynamoFollowerStore(deps.doc, deps.table, deps.handle);
  const outcomes = new DynamoDeliveryOutcomes(deps.doc, deps.table);
  return async (id: string) => {
    const a = await deps.index.get(id);
    if (!a) throw new NotFoundError(`no announcement with id ${id}`);
    const [publish, sent, endpoints, followerCount, inboxes] = await Promise.all([
      records.get(id, a.version),
      deps.doc.send(new QueryCommand({ TableName: deps.table, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': `${KEY_PREFIXES.fediverseSent}${id}` } })),
      deps.webhooks.listEndpoints(),
      followers.count(),
      outcomes.list(id),
    ]);
    const activities = (sent.Items ?? []).filter((i) => !String(i.sk).startsWith(OUTCOME_SK)).map((i) => ({ activity: String(i.sk).split('#')[0]!, version: Number(String(i.sk).split('#v')[1]), at: i.at as string }));
    const current = activities.filter((x) => x.version === a.version);
    const webhooks = await Promise.all(
      endpoints.map(async (e) => {
        const wanted = eventsOf(a).filter((ev) => e.events.includes(ev));
        const found = (await Promise.all(wanted.map((ev) => deps.webhooks.getDelivery(e.id, deliveryIdOf(ev, id, a.version))))).find((d) => d !== undefined);
        return found
          ? { endpointId: e.id, url: e.url, deliveryId: found.id, event: found.event, state: found.state, attempts: found.attempts.length, lastAttempt: found.attempts.at(-1) ?? null }
          : { endpointId: e.id, url: e.url, state: wanted.length ? 'none' : 'not-subscribed' };
      }),
    );
    return {
      id,
      version: a.version,
      status: a.status,
      channels: {
        feeds: publish ? { state: 'written', at: publish.at, written: publish.feedsWritten, unchanged: publish.feedsUnchanged, deleted: publish.feedsDeleted } : { state: 'not-recorded' },
        websub: publish ? websubState(publish) : { state: 'not-recorded' },
        activityPub: {
          state: current.length ? 'queued' : 'none',
          activities: current,
          followers: followerCount,
          inboxes: inboxSummary(current, inboxes),
        },
        webhooks,
      },
    };
  };
}

/** The WebSub channel: every hub accepted every topic, some did not, or (before hub answers were kept) pinged. */
function websubState(publish: PublishRecord) {
  const base = { hubs: publish.hubs, topics: publish.topicsPinged };
  if (!publish.topicsPinged.length) return { state: 'none', ...base };
  if (!publish.hubAnswers) return { state: 'pinged', ...base };
  const failing = publish.hubAnswers.some((h) => h.refused + h.failed > 0);
  return { state: failing ? 'failed' : 'accepted', ...base, answers: publish.hubAnswers };
}
