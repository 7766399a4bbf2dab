import { createExponentialBackoffPolicy, createFederation } from '@fedify/fedify';
import { Note } from '@fedify/vocab';
import { Temporal } from '@js-temporal/polyfill';
import { registerActor } from './actor';
import { noteOutboxError } from './delivery-outcomes';
import { registerInbox } from './inbox';
import { importJwkPairs } from './keys';
import { allFollowerStores, AP_PATHS, noteOf, type FederationDeps, type HeraldFederation } from './routes';

export { AP_PATHS, noteOf, type FederationDeps, type HeraldFederation } from './routes';

/** Fedify's attempts per inbox before it gives up (the last one about 40 minutes after the first). */
export const MAX_ATTEMPTS = 8;

/**
 * Herald's ActivityPub side, built on Fedify: WebFinger, NodeInfo, the site
 * actor with its keys, outbox, followers and inbox, the Note of each
 * announcement. Outgoing activities go through `queue` (manually consumed:
 * each message is one `processQueuedTask`), one per shared inbox, retried
 * with exponential backoff; a 404 or 410 drops that inbox's followers, and
 * so do failures over days (delivery-outcomes.ts, from the consumer).
 */
export function makeFederation(deps: FederationDeps): HeraldFederation {
  const federation = createFederation<void>({
    kv: deps.kv,
    queue: { outbox: deps.queue, fanout: deps.queue },
    manuallyStartQueue: true,
    origin: deps.site.siteUrl,
    allowPrivateAddress: deps.allowPrivateAddress ?? false,
    signatureTimeWindow: { hours: 1 },
    // A host that fails is retried per message with backoff; holding every message for it is not needed.
    circuitBreaker: false,
    outboxRetryPolicy: createExponentialBackoffPolicy({
      maxAttempts: deps.maxAttempts ?? MAX_ATTEMPTS,
      initialDelay: Temporal.Duration.from({ seconds: 5 }),
      maxDelay: Temporal.Duration.from({ minutes: 15 }),
    }),
    onOutboxError: (error, activity) => {
      noteOutboxError(error); // the consumer records the inbox's outcome (delivery-outcomes.ts)
      deps.logger.warn('fediverse delivery failed', { activity: activity?.id?.href, error: error.message });
    },
    userAgent: { software: 'Herald', url: new URL(deps.site.siteUrl) },
  });
  const keyPairs = () => deps.keys.load().then(importJwkPairs);
  registerActor(federation, deps, keyPairs);
  registerInbox(federation, deps);
  federation.setObjectDispatcher(Note, AP_PATHS.note, async (ctx, values) => {
    const a = await deps.announcements.get(values.id);
    return a?.status === 'published' ? noteOf(ctx, deps, a) : null;
  });
  federation.setOutboxPermanentFailureHandler(async (_ctx, values) => {
    const gone = await dropInbox(deps, values.inbox.href, values.actorIds.map((id) => id.href));
    deps.logger.warn('fediverse inbox gone: followers dropped', { inbox: values.inbox.href, status: values.statusCode, dropped: gone });
  });
  return federation;
}

/** Drops every follower (of every actor) behind an inbox gone for good: a 404/410, or failures over days. */
export async function dropInbox(deps: Pick<FederationDeps, 'followers' | 'languages' | 'languageFollowers'>, inbox: string, actorIds: readonly string[] = []): Promise<number> {
  let gone = 0;
  for (const store of allFollowerStores(deps)) {
    gone += await store.removeByInbox(inbox);
    for (const id of actorIds) await store.remove(id);
  }
  return gone;
}

