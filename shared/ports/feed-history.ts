import type { Announcement } from '../domain/announcement';
import type { ArchivePage } from '../domain/archive-pages';
import type { FeedKey } from '../domain/feeds';

/**
 * A feed's older items by month of first publication (YYYY-MM, UTC), for the
 * RFC 5005 archives, and the stored page boundaries that split a busy month
 * (shared/domain/archive-pages.ts). Each call reads one month, one page or
 * one key, never the whole feed, so the cost of a change stays independent of
 * the feed's length and of how many items share its month.
 */
export interface FeedHistory {
  /** The feed's published announcements first published in `month`, newest first. */
  inFeedMonth(feed: FeedKey, month: string): Promise<Announcement[]>;
  /** The month of the feed's nearest announcement before or after `month`, if any. */
  adjacentMonth(feed: FeedKey, month: string, direction: 'before' | 'after'): Promise<string | undefined>;
  /** The feed's announcements on one archive page, newest first. */
  inFeedPage(feed: FeedKey, page: ArchivePage): Promise<Announcement[]>;
  /** The stored page boundaries of one month (sort keys, ascending); none for a month of one page. */
  pageBoundaries(feed: FeedKey, month: string): Promise<string[]>;
  /** The feed's greatest stored page boundary below `below` (a sort key or month prefix), if any. */
  lastPageBoundary(feed: FeedKey, below: string): Promise<string | undefined>;
  /**
   * The stored boundaries next to sort key `sk`: `below` the (at most) two
   * greatest at or under it, greatest first; `above` the (at most) two least
   * over it, least first. What one change needs to place its page and link
   * its neighbours, without reading a busy month's every boundary.
   */
  boundariesAround(feed: FeedKey, sk: string): Promise<{ below: string[]; above: string[] }>;
  /** Stores new page boundaries (idempotent: the same boundary twice is one). */
  addPageBoundaries(feed: FeedKey, boundaries: string[]): Promise<void>;
}
