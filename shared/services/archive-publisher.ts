import type { FeedKey } from '../domain/feeds';
import type { FeedHistory } from '../ports/feed-history';
import { archiveContext, type SiteInfo } from '../render/feed-context';
import { renderFeedFiles } from '../render/render-feed';
import type { PutIfChanged, WriteLog } from './skip-unchanged';

/**
 * RFC 5005 monthly archives of one feed. A change re-renders the archive of
 * its month and that archive's neighbours (whose prev/next links it may
 * change); a rebuild ('all') walks the whole chain, newest first, one keyed
 * read per step. Months before the feed's newest item are closed (long cache).
 */
export async function publishArchives(
  deps: { history: FeedHistory; site: SiteInfo; put: PutIfChanged },
  key: FeedKey,
  months: Set<string> | 'all',
  newest: string | undefined,
  log: WriteLog,
): Promise<void> {
  const done = new Set<string>();
  const publishMonth = async (month: string) => {
    done.add(month);
    const [items, prev, next] = await Promise.all([
      deps.history.inFeedMonth(key, month),
      deps.history.adjacentMonth(key, month, 'before'),
      deps.history.adjacentMonth(key, month, 'after'),
    ]);
    const ctx = archiveContext(deps.site, key, month, prev, next);
    const closed = newest !== undefined && month < newest;
    await Promise.all(renderFeedFiles(ctx, items, { closed }).map((file) => deps.put(file, log)));
    return [prev, next];
  };
  if (months === 'all') {
    for (let month = newest; month; month = (await publishMonth(month))[0]);
    return;
  }
  for (const month of months) {
    if (done.has(month)) continue;
    for (const neighbour of await publishMonth(month)) {
      if (neighbour && !done.has(neighbour)) await publishMonth(neighbour);
    }
  }
}
