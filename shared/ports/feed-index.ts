import type { Announcement } from '../domain/announcement';
import type { FeedKey } from '../domain/feeds';
import type { FeedEntries } from './feed-entries';
import type { FeedHistory } from './feed-history';

/**
 * What the publisher reads: the per-feed index (newest items, monthly
 * archives) and single announcements for pages outside the site window. Kept
 * apart from AnnouncementStore so the publisher depends on reads only, and
 * the editors' store does not carry the publisher's queries. The publisher
 * also keeps the index (FeedEntries), from the stream, before it reads it.
 */
export interface FeedIndex extends FeedHistory, FeedEntries {
  /** One announcement as stored, read consistently. */
  get(id: string): Promise<Announcement | undefined>;
  /** Several, read consistently in as few calls as the store allows (BatchGetItem); in the order asked. */
  getMany?(ids: string[]): Promise<(Announcement | undefined)[]>;
  /** The newest `limit` published announcements of one feed, newest first. */
  latestInFeed(feed: FeedKey, limit: number): Promise<Announcement[]>;
}
