import type { Federation, KvStore, MessageQueue } from '@fedify/fedify';
import { Note } from '@fedify/vocab';
import type { Announcement } from '../domain/announcement';
import type { HeraldLogger } from '../logger';
import type { FollowerStore, MentionStore } from '../ports/follower-store';
import type { KeyPairSource } from '../ports/key-pair-source';
import type { SiteInfo } from '../render/feed-context';
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
  /** Replies to announcements and mentions of the actor, kept and never published. */
  mentions: MentionStore;
  /** Published announcements, newest first (of one language when given), and one by id. */
  announcements: { get(id: string): Promise<Announcement | undefined>; latest(limit: number, language?: string): Promise<Announcement[]> };
  /** Languages with an actor of their own, `{handle}-{language}` (off, none, by default). */
  languages?: readonly string[];
  /** The followers of a language's actor. */
  languageFollowers?: (language: string) => FollowerStore;
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

/** An actor of this site: the site actor (no language) or a language's; undefined for any other name. */
export function actorOf(deps: Pick<FederationDeps, 'handle' | 'languages'>, identifier: string): { language?: string } | undefined {
  if (identifier === deps.handle) return {};
  const language = identifier.startsWith(`${deps.handle}-`) ? identifier.slice(deps.handle.length + 1) : undefined;
  return language && deps.languages?.includes(language) ? { language } : undefined;
}

/** The follower store of an actor of this site. */
export function followersOf(deps: Pick<FederationDeps, 'followers' | 'languageFollowers'>, actor: { language?: string }): FollowerStore {
  if (actor.language === undefined) return deps.followers;
  if (!deps.languageFollowers) throw new Error('language actors without languageFollowers');
  return deps.languageFollowers(actor.language);
}

/** Every follower store: the site actor's and each language actor's. */
export function allFollowerStores(deps: Pick<FederationDeps, 'followers' | 'languageFollowers' | 'languages'>): FollowerStore[] {
  return [deps.followers, ...(deps.languages ?? []).map((language) => followersOf(deps, { language }))];
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
