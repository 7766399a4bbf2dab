import type { FeedKey } from '../domain/feeds';
import type { Page } from './announcement-store';

/**
 * Which feeds exist, so a rebuild can find every one and the OPML list can
 * name them. One record per feed, read in pages, so thousands of tag feeds
 * never make one record grow without bound.
 */
export interface FeedRegistry {
  /** Those of `feeds` already registered; costs one keyed read per feed asked about. */
  known(feeds: FeedKey[]): Promise<Set<FeedKey>>;
  /** Records that these feeds exist (idempotent). */
  register(feeds: FeedKey[]): Promise<void>;
  /** One page of registered feeds, in key order; `cursor` continues where the last page stopped. */
  page(options: { limit: number; cursor?: string }): Promise<Page<FeedKey>>;
}
