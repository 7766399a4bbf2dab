import type { Announcement } from '../domain/announcement';
import type { FeedKey } from '../domain/feeds';

/**
 * A feed's older items by month of first publication (YYYY-MM, UTC), for the
 * RFC 5005 archives. Each call reads one month or one key, never the whole
 * feed, so the cost of a change stays independent of the feed's length.
 */
export interface FeedHistory {
  /** The feed's published announcements first published in `month`, newest first. */
  inFeedMonth(feed: FeedKey, month: string): Promise<Announcement[]>;
  /** The month of the feed's nearest announcement before or after `month`, if any. */
  adjacentMonth(feed: FeedKey, month: string, direction: 'before' | 'after'): Promise<string | undefined>;
}
