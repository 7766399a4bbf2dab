import type { Announcement } from '../domain/announcement';
import type { FeedKey } from '../domain/feeds';

/** A page of results and the opaque cursor for the next one. */
export type Page<T> = { items: T[]; cursor?: string };

/** Thrown by a store when a conditional write lost a race with another writer. */
export class VersionConflict extends Error {
  override readonly name = 'VersionConflict';
}

/**
 * Where announcements live, with the per-feed index the publisher reads.
 * Every write changes the announcement and its feed entries atomically.
 */
export interface AnnouncementStore {
  get(id: string): Promise<Announcement | undefined>;
  /** Newest first by creation time. */
  list(options: { limit: number; cursor?: string }): Promise<Page<Announcement>>;
  /** Creates `next`; fails if the id exists. */
  create(next: Announcement): Promise<void>;
  /** Replaces `prev` with `next` only if the stored version is still `prev.version`. */
  replace(next: Announcement, prev: Announcement): Promise<void>;
  /** The newest `limit` published announcements of one feed, newest first. */
  latestInFeed(feed: FeedKey, limit: number): Promise<Announcement[]>;
  /** Records that these feeds exist (idempotent), so a rebuild can find them all. */
  registerFeeds(feeds: FeedKey[]): Promise<void>;
  /** Every feed ever registered. */
  registeredFeeds(): Promise<FeedKey[]>;
}
