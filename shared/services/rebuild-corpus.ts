import { SITE_FEED } from '../domain/feeds';
import type { FeedCorpus } from '../ports/feed-corpus';
import { memoryFeedIndex } from './memory-feed-index';
import { allFeeds } from './publish-registry';
import type { PublisherDeps } from './publish-run';
import { rederiveEntries } from './rederive-entries';

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
  return rebuild({ ...rest, index: memoryFeedIndex(deps.index, corpus, derived) });
}
