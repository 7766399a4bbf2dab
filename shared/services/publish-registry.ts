import type { FeedKey } from '../domain/feeds';
import type { FeedRegistry } from '../ports/feed-registry';

/** Registry entries read per Query when every feed is listed (small items: one page is well under 1 MB). */
export const REGISTRY_PAGE = 1_000;

/** The registry step's read: those of `keys` not registered yet, one keyed read each. */
export async function freshFeeds(registry: FeedRegistry, keys: FeedKey[]): Promise<FeedKey[]> {
  const known = await registry.known(keys);
  return keys.filter((key) => !known.has(key));
}

/** Every registered feed and `plus`, sorted: what the OPML list and the home page name. */
export async function allFeeds(registry: FeedRegistry, plus: FeedKey[] = []): Promise<FeedKey[]> {
  const feeds = new Set(plus);
  let cursor: string | undefined;
  do {
    const page = await registry.page({ limit: REGISTRY_PAGE, cursor });
    for (const feed of page.items) feeds.add(feed);
    cursor = page.cursor;
  } while (cursor);
  return [...feeds].sort();
}
