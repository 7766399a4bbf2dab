import type { SiteInfo } from '../render/feed-context';
import { archiveUrls, feedContext, monthOf, type Alternate } from '../render/feed-context';
import { renderFeedFiles } from '../render/render-feed';
import { monthOfKey, pagePath } from '../domain/archive-pages';
import type { FeedKey } from '../domain/feeds';
import { publishArchives } from './archive-publisher';
import type { Plan, Run } from './publish-run';

/**
 * The feeds step: each planned feed's current documents (RSS, Atom, JSON
 * Feed, iCalendar) linked to its RFC 5005 archives (prev-archive: the newest
 * month's last page), and the archive pages of the planned sort keys (every
 * page on a rebuild).
 */
export async function writeFeeds(run: Run, site: SiteInfo, plan: Plan, translations: Map<string, Alternate[]>): Promise<void> {
  await Promise.all(
    [...plan].map(async ([key, months]) => {
      // Archives (which may split a page) and the feed's newest items and last page boundary, at once.
      const newestMonth = async () => (await run.latest(key)).map(monthOf)[0];
      const [items, last, added] = await Promise.all([
        run.latest(key),
        run.history.lastPageBoundary(key, '~'),
        publishArchives({ history: run.history, site, put: run.put }, key, months, newestMonth, run.report),
      ]);
      const newest = items[0] && monthOf(items[0]);
      const ctx = { ...feedContext(site, key), translations };
      if (newest) ctx.history = { prev: archiveUrls(site, key, await newestPage(run, key, newest, last, added)) };
      await Promise.all(renderFeedFiles(ctx, items).map((file) => run.put(file, run.report)));
    }),
  );
}

/** The newest month's last archive page, which the current feed's prev-archive names. */
async function newestPage(run: Run, key: FeedKey, newest: string, last: string | undefined, added: string[]): Promise<string> {
  // A boundary past the newest month (its items all retracted) hides the newest month's own: ask for that month's.
  const own = last && monthOfKey(last) > newest ? await run.history.lastPageBoundary(key, `${newest}~`) : last;
  const start = [own, ...added].filter((b): b is string => b !== undefined && monthOfKey(b) === newest).sort().pop();
  return pagePath({ month: newest, start });
}
