import type { SiteInfo } from '../render/feed-context';
import { archiveUrls, feedContext, monthOf, type Alternate } from '../render/feed-context';
import { renderFeedFiles } from '../render/render-feed';
import { publishArchives } from './archive-publisher';
import type { Plan, Run } from './publish-run';

/**
 * The feeds step: each planned feed's current documents (RSS, Atom, JSON
 * Feed, iCalendar) linked to its RFC 5005 archives, and the archives of the
 * planned months (every month on a rebuild).
 */
export async function writeFeeds(run: Run, site: SiteInfo, plan: Plan, translations: Map<string, Alternate[]>): Promise<void> {
  await Promise.all(
    [...plan].map(async ([key, months]) => {
      const items = await run.latest(key);
      const newest = items[0] && monthOf(items[0]);
      const ctx = { ...feedContext(site, key), translations };
      if (newest) ctx.history = { prev: archiveUrls(site, key, newest) };
      await Promise.all(renderFeedFiles(ctx, items).map((file) => run.put(file, run.report)));
      await publishArchives({ history: run.history, site, put: run.put }, key, months, newest, run.report);
    }),
  );
}
