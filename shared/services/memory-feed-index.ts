import type { Announcement } from '../domain/announcement';
import type { ArchivePage } from '../domain/archive-pages';
import type { FeedKey } from '../domain/feeds';
import type { FeedCorpus } from '../ports/feed-corpus';
import type { FeedIndex } from '../ports/feed-index';
import type { Derived, DerivedEntry } from './rederive-entries';

const items = (entries: DerivedEntry[]) => entries.map((e) => e.item);

/**
 * The feed index a full rebuild reads: the entries it has just re-derived
 * and written (rederive-entries.ts), held once in memory, so every feed,
 * month and archive page is a lookup instead of a Query of HTML it already
 * read from the announcements (a rebuild read each item about four times
 * over, once per feed it is in). Answers as DynamoFeedIndex would for the
 * same table; boundaries are read once per feed and written through.
 */
export function memoryFeedIndex(base: FeedIndex, corpus: Pick<FeedCorpus, 'boundaries'>, derived: Derived): FeedIndex {
  const feed = (key: FeedKey) => derived.feeds.get(key) ?? [];
  const bounds = new Map<FeedKey, Promise<string[]>>();
  const boundariesOf = (key: FeedKey) => bounds.get(key) ?? bounds.set(key, corpus.boundaries(key)).get(key)!;
  return {
    get: async (id) => derived.byId.get(id) ?? base.get(id),
    project: (moves) => base.project(moves),
    latestInFeed: async (key, limit) => items(feed(key).slice(0, limit)),
    inFeedMonth: async (key, month) => items(feed(key).filter((e) => e.sk.startsWith(`${month}-`))),
    async inFeedPage(key: FeedKey, page: ArchivePage): Promise<Announcement[]> {
      const from = page.start ?? `${page.month}-`;
      const to = page.end ?? `${page.month}~`;
      return items(feed(key).filter((e) => e.sk >= from && e.sk <= to && e.sk !== page.end));
    },
    async adjacentMonth(key, month, direction) {
      const all = feed(key);
      // Newest first: the first key under the month, or the last key over it.
      const found = direction === 'before' ? all.find((e) => e.sk < `${month}-`) : all.findLast((e) => e.sk > `${month}~`);
      return found?.sk.slice(0, 7);
    },
    pageBoundaries: async (key, month) => (await boundariesOf(key)).filter((b) => b.startsWith(`${month}-`)),
    lastPageBoundary: async (key, below) => (await boundariesOf(key)).findLast((b) => b < below),
    async boundariesAround(key, sk) {
      const all = await boundariesOf(key);
      return { below: all.filter((b) => b <= sk).slice(-2).reverse(), above: all.filter((b) => b > sk).slice(0, 2) };
    },
    async addPageBoundaries(key, added) {
      await base.addPageBoundaries(key, added);
      const all = await boundariesOf(key);
      bounds.set(key, Promise.resolve([...new Set([...all, ...added])].sort()));
    },
  };
}
