import type { SiteInfo } from '../render/feed-context';
import { archiveUrls, feedContext, monthOf, type Alternate } from '../render/feed-context';
import { FEED_FILE_NAMES, renderFeedFiles } from '../render/render-feed';
import { monthOfKey, pagePath } from '../domain/archive-pages';
import { feedPrefix, type FeedKey } from '../domain/feeds';
import { publishChangedArchives, type ChangedArchives } from './archive-change';
import { publishArchives } from './archive-publisher';
import type { Plan, Run } from './publish-run';

/** The bucket keys of a feed's current documents: known before anything is read, so their hash records are asked for first. */
export const currentFiles = (key: FeedKey): string[] => FEED_FILE_NAMES.map((name) => `${feedPrefix(key)}${name}`);

/**
 * The feeds step: each planned feed's current documents (RSS, Atom, JSON
 * Feed, iCalendar) linked to its RFC 5005 archives (prev-archive: the newest
 * month's last page), and the archive pages of the planned sort keys (every
 * page on a rebuild). The current documents are written as soon as the
 * archives' boundaries are known, beside the archive pages' own writes.
 */
export async function writeFeeds(run: Run, site: SiteInfo, plan: Plan, translations: Map<string, Alternate[]> | Promise<Map<string, Alternate[]>>): Promise<void> {
  await Promise.all(
    [...plan].map(async ([key, months]) => {
      const work: Promise<void>[] = [];
      // A change's archive pages render once this feed's current documents are out (archive-change.ts).
      let out!: () => void;
      const currentOut = new Promise<void>((resolve) => (out = resolve));
      const archives = async (): Promise<ChangedArchives> => {
        if (months !== 'all') {
          const deps = { history: run.history, site, put: run.put, latest: () => run.latest(key), limit: run.limit, prime: run.prime, work, currentOut };
          return publishChangedArchives(deps, key, months, run.report);
        }
        const newestMonth = async () => (await run.latest(key)).map(monthOf)[0];
        const listed = run.archived?.(feedPrefix(key));
        return { added: await publishArchives({ history: run.history, site, put: run.put }, key, newestMonth, run.report, listed) };
      };
      // The feed's last boundary: read beside the archives, unless a change's own boundary read will show it.
      const early = months === 'all' || months.size === 0 ? run.history.lastPageBoundary(key, '~') : undefined;
      early?.catch(() => undefined);
      let current: Promise<void>[];
      try {
        const [items, changed] = await Promise.all([run.latest(key), archives()]);
        const newest = items[0] && monthOf(items[0]);
        const last = changed.newest ? changed.newest.last : newest ? await (early ?? run.history.lastPageBoundary(key, '~')) : undefined;
        const ctx = { ...feedContext(site, key), translations: await translations };
        if (newest) ctx.history = { prev: archiveUrls(site, key, await newestPage(run, key, newest, last, changed.added)) };
        current = renderFeedFiles(ctx, items).map((file) => run.put(file, run.report));
      } finally {
        out(); // also on failure, so no page waits forever
      }
      await Promise.all([...current, ...work]);
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
