import type { Announcement } from '../domain/announcement';
import type { FeedKey } from '../domain/feeds';

/** One stored feed entry as a rebuild compares it: its sort key and the announcement version it copies. */
export type StoredEntry = { sk: string; version?: number };

/**
 * What a full rebuild reads besides the feed index: every announcement (the
 * source of truth the entries are derived from), each feed's entries by key
 * only, and a feed's page boundaries in one read. A rebuild re-derives the
 * entries from the announcements, so a stream record lost to the dead-letter
 * queue cannot leave a stale copy behind, and then renders from what it read.
 */
export interface FeedCorpus {
  /** Every announcement, a page at a time. */
  announcements(): AsyncIterable<Announcement[]>;
  /** A feed's entries, keys and versions only, in sort-key order. */
  entries(feed: FeedKey): Promise<StoredEntry[]>;
  /** Every stored archive page boundary of a feed, ascending. */
  boundaries(feed: FeedKey): Promise<string[]>;
  /** Deletes an entry unless a version newer than `version` has been written there meanwhile. */
  dropEntry(feed: FeedKey, sk: string, version: number): Promise<void>;
}
