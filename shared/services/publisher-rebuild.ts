import type { Announcement } from '../domain/announcement';
import { SITE_FEED, type FeedKey } from '../domain/feeds';
import type { FeedCorpus } from '../ports/feed-corpus';
import type { DeferredRenders } from '../ports/deferred-renders';
import { writeFeeds } from './publish-feeds';
import { pingHubs } from './publish-hubs';
import { allFeeds } from './publish-registry';
import { mergeReports, type Plan, type PublisherDeps, type PublishReport, type RebuildProgressNote, type startRun } from './publish-run';
import { siteWindowOf, type SiteWindow } from './publish-translations';
import { readOnce } from './read-once';
import { rebuildFromCorpus } from './rebuild-corpus';
import type { makeResanitiser } from './resanitise';
import { listBucket, type makeSkipUnchanged, type PutIfChanged } from './skip-unchanged';

/** Feeds a rebuild renders together: bounds its memory and in-flight requests at any registry size. */
export const REBUILD_PAGE = 100;
/** Time a rebuild keeps in hand before its function's timeout: far more than one page of feeds takes. */
export const REBUILD_STOP_MARGIN_MS = 30_000;

/**
 * The publisher's ports with the rebuild's own: the corpus a nightly rebuild
 * re-derives entries from, and `deferred`, the feeds imports' deferred
 * renders have yet to write, which the registry may not list yet.
 */
export type RebuildDeps = PublisherDeps & { corpus?: FeedCorpus; deferred?: Pick<DeferredRenders, 'feeds'> };

/** What a rebuild shares with the publisher that made it (publisher-service.ts). */
export type RebuildCore = {
  deps: RebuildDeps;
  writer: ReturnType<typeof makeSkipUnchanged>;
  clean: ReturnType<typeof makeResanitiser>;
  run: (put?: PutIfChanged, w?: ReturnType<typeof makeSkipUnchanged>, same?: (a: Announcement) => Announcement) => ReturnType<typeof startRun>;
  publish: (plan: Plan, changes: [], options: { index: boolean; allPages: boolean }, put: PutIfChanged, same: (a: Announcement) => Announcement) => Promise<PublishReport>;
  /** The rebuild of a publisher made with other ports (the corpus's in-memory feed index). */
  rebuildWith: (deps: PublisherDeps) => (options: RebuildOptions) => Promise<{ report: PublishReport; cursor?: string }>;
};

/** How a rebuild runs: where it resumes, how long it may take, whom it tells, whether it re-derives entries. */
export type RebuildOptions = {
  cursor?: string;
  remainingMs?: () => number;
  onProgress?: (note: RebuildProgressNote) => Promise<void>;
  /** First re-derive every feed's entries from the announcements (see rebuildFrom). */
  rederive?: boolean;
};

/**
 * The publisher's full rebuild, page by page of the registry: every feed
 * with all its archives, the OPML list, the home page and the site window's
 * pages, resumable by cursor so no registry is too large for one invocation.
 */
export function makeRebuilder(core: RebuildCore) {
  const { deps, writer, clean, run, publish } = core;

  /** One page of a rebuild: these feeds with all their archives, nothing else. */
  async function rebuildFeeds(keys: FeedKey[], translations: SiteWindow['sets'], put: PutIfChanged, same: (a: Announcement) => Announcement) {
    const r = run(put, writer, same);
    r.report.feeds = [...keys].sort();
    await writeFeeds(r, deps.site, new Map(keys.map((k) => [k, 'all' as const])), translations);
    await writer.settle();
    return pingHubs(deps.notifyHubs, deps.site.siteUrl, r.report);
  }

  /**
   * A rebuild that may stop between pages of feeds. Without a cursor it starts
   * with the site feed, the home page, the OPML list and the site window's
   * pages; with one it continues at that page of the registry. When the
   * function's remaining time falls under REBUILD_STOP_MARGIN_MS it stops and
   * returns the cursor of the next page. It lists the bucket first and
   * rewrites any file whose object is missing or differs from its hash record.
   */
  async function pages(options: RebuildOptions): Promise<{ report: PublishReport; cursor?: string }> {
    const stop = () => (options.remainingMs?.() ?? Number.POSITIVE_INFINITY) < REBUILD_STOP_MARGIN_MS;
    // Feeds an import brought are registered by its deferred render, which may not have run yet:
    // registered now, so this rebuild renders them and its OPML list names them.
    const waiting = options.cursor ? [] : ((await deps.deferred?.feeds()) ?? []);
    if (waiting.length) await deps.registry.register(waiting);
    const [listing, total] = await Promise.all([
      listBucket(deps.objects),
      // Only for a progress bar: one keys-only read of the registry per 1,000 feeds.
      options.onProgress ? allFeeds(deps.registry, [SITE_FEED]).then((all) => all.length) : 0,
    ]);
    const put = writer.verifying(listing);
    const same = readOnce(clean);
    const reports = options.cursor ? [] : [await publish(new Map([[SITE_FEED, 'all']]), [], { index: true, allPages: true }, put, same)];
    const progress = async () => {
      const sum = (pick: (r: PublishReport) => string[]) => reports.reduce((n, r) => n + pick(r).length, 0);
      await options.onProgress?.({ feeds: Math.min(sum((r) => r.feeds), total), total, written: sum((r) => r.written), unchanged: sum((r) => r.unchanged) });
    };
    await progress();
    const { sets } = await siteWindowOf(run(writer.put, writer, same), deps.site);
    const seen = new Set<FeedKey>([SITE_FEED]);
    let cursor = options.cursor;
    do {
      const page = await deps.registry.page({ limit: REBUILD_PAGE, cursor });
      const keys = page.items.filter((k) => !seen.has(k));
      for (const k of keys) seen.add(k);
      // A page is at most REBUILD_PAGE feeds, except the one that meets the legacy registry
      // item, which brings its whole set at once: render that in slices too.
      for (let i = 0; i < keys.length; i += REBUILD_PAGE) {
        reports.push(await rebuildFeeds(keys.slice(i, i + REBUILD_PAGE), sets, put, same));
        await progress();
      }
      cursor = page.cursor;
    } while (cursor && !stop());
    return { report: mergeReports(reports), ...(cursor ? { cursor } : {}) };
  }

  /**
   * A rebuild (the page loop above); one from the start that asks to, given the
   * corpus, first re-derives every feed's entries from the announcements and
   * renders from them. Only the nightly reconciliation asks: reading every
   * announcement whole made a rebuild of 10,000 about three times slower
   * (19 -> 54 s on npm start), which `herald rebuild` should not pay.
   */
  const rebuildFrom = (options: RebuildOptions): Promise<{ report: PublishReport; cursor?: string }> =>
    deps.corpus && options.rederive && !options.cursor ? rebuildFromCorpus({ ...deps, corpus: deps.corpus }, (d) => core.rebuildWith(d)(options)) : pages(options);

  return { rebuildFrom };
}
