import { SITE_FEED } from '../domain/feeds';
import type { FeedCorpus } from '../ports/feed-corpus';
import { memoryFeedIndex } from './memory-feed-index';
import { allFeeds } from './publish-registry';
import type { PublisherDeps } from './publish-run';
import { rederiveEntries } from './rederive-entries';

/**
 * Announcements a rebuild renders from memory (about 5 KB each with their
 * Markdown and snapshot: 250 MB of a 1,024 MB function); past it, the feeds
 * are read back from the table as before, after the entries are re-derived.
 */
export const CORPUS_IN_MEMORY_MAX = 50_000;

/**
 * A full rebuild from the source of truth: the feed entries re-derived from
 * the announcements (and written where they differ), every feed they name
 * registered, then `rebuild` run by a publisher that reads the feed index
 * from what was just derived rather than Querying each feed month by month.
 */
export async function rebuildFromCorpus<T>(deps: PublisherDeps & { corpus: FeedCorpus }, rebuild: (deps: PublisherDeps) => Promise<T>): Promise<T> {
  const known = await allFeeds(deps.registry, [SITE_FEED]);
  const derived = await rederiveEntries(deps.corpus, deps.index, known);
  const have = new Set(known);
  const fresh = [...derived.feeds.keys()].filter((k) => !have.has(k));
  // A feed only a lost stream record would have created: the rebuild pages through the registry.
  if (fresh.length) await deps.registry.register(fresh);
  const { corpus, ...rest } = deps;
  return rebuild(derived.byId.size > CORPUS_IN_MEMORY_MAX ? rest : { ...rest, index: memoryFeedIndex(deps.index, corpus, derived) });
}
