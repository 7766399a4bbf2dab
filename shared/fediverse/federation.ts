import { createExponentialBackoffPolicy, createFederation, type Federation, type KvStore, type MessageQueue } from '@fedify/fedify';
import { Note } from '@fedify/vocab';
import { Temporal } from '@js-temporal/polyfill';
import type { Announcement } from '../domain/announcement';
import type { HeraldLogger } from '../logger';
import type { FollowerStore } from '../ports/follower-store';
import type { KeyPairSource } from '../ports/key-pair-source';
import type { SiteInfo } from '../render/feed-context';
import { registerActor } from './actor';
import { registerInbox } from './inbox';
import { importJwkPairs } from './keys';
import { announcementNote as announcementNoteFor } from './note';

/** The URL paths of the ActivityPub documents (CloudFront sends /ap/* and /.well-known/* to the API). */
export const AP_PATHS = {
  actor: '/ap/actors/{identifier}',
  inbox: '/ap/actors/{identifier}/inbox',
  sharedInbox: '/ap/inbox',
  outbox: '/ap/actors/{identifier}/outbox',
  followers: '/ap/actors/{identifier}/followers',
  note: '/ap/notes/{id}',
  nodeinfo: '/ap/nodeinfo/2.1',
} as const;

/** What the federation reads and writes; every part is a port, so tests and both runtimes wire their own. */
export type FederationDeps = {
  site: SiteInfo;
  handle: string;
  kv: KvStore;
  queue: MessageQueue;
  keys: KeyPairSource;
  followers: FollowerStore;
  /** Published announcements, newest first, and one by id. */
  announcements: { get(id: string): Promise<Announcement | undefined>; latest(limit: number): Promise<Announcement[]> };
  logger: HeraldLogger;
  /** The actor's avatar URL, when the site has one. */
  icon?: string;
  /** Only the local runtime: remote servers on loopback may be fetched. */
  allowPrivateAddress?: boolean;
  /** Delivery attempts per inbox before giving up (default 8, backoff capped at the queue's 15 minutes). */
  maxAttempts?: number;
};

/** The Herald federation with every dispatcher and listener registered. */
export type HeraldFederation = Federation<void>;

/**
 * Herald's ActivityPub side, built on Fedify: WebFinger, NodeInfo, the site
 * actor with its keys, outbox, followers and inbox, the Note of each
 * announcement. Outgoing activities go through `queue` (manually consumed:
 * each message is one `processQueuedTask`), one per shared inbox, retried
 * with exponential backoff; a 404 or 410 drops that inbox's followers.
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
      maxAttempts: deps.maxAttempts ?? 8,
      initialDelay: Temporal.Duration.from({ seconds: 5 }),
      maxDelay: Temporal.Duration.from({ minutes: 15 }),
    }),
    onOutboxError: (error, activity) => deps.logger.warn('fediverse delivery failed', { activity: activity?.id?.href, error: error.message }),
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
    const gone = await deps.followers.removeByInbox(values.inbox.href);
    for (const id of values.actorIds) await deps.followers.remove(id.href);
    deps.logger.warn('fediverse inbox gone: followers dropped', { inbox: values.inbox.href, status: values.statusCode, dropped: gone });
  });
  return federation;
}

/** The Note of an announcement, with its ids from the federation's routes. */
export function noteOf(ctx: { getObjectUri: HeraldFederationContext['getObjectUri']; getActorUri(id: string): URL; getFollowersUri(id: string): URL }, deps: Pick<FederationDeps, 'site' | 'handle'>, a: Announcement): Note {
  return announcementNoteFor(deps.site, a, {
    note: ctx.getObjectUri(Note, { id: a.id }),
    actor: ctx.getActorUri(deps.handle),
    followers: ctx.getFollowersUri(deps.handle),
  });
}

type HeraldFederationContext = ReturnType<HeraldFederation['createContext']>;
