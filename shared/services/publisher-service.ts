import { createHash } from 'node:crypto';
import type { Announcement } from '../domain/announcement';
import { SITE_FEED, feedsOf, type FeedKey } from '../domain/feeds';
import type { AnnouncementStore } from '../ports/announcement-store';
import type { FeedHistory } from '../ports/feed-history';
import type { ObjectStore } from '../ports/object-store';
import { archiveContext, archiveUrls, feedContext, monthOf, type SiteInfo } from '../render/feed-context';
import { renderOpml } from '../render/opml';
import { renderFeedFiles, type FeedFile } from '../render/render-feed';
import { stylesheetFile } from '../render/stylesheet';

/** One change as the stream reports it: the item before and after. */
export type Change = { before?: Announcement; after?: Announcement };

/** What a publish did, for logs, metrics and the rebuild report. */
export type PublishReport = { feeds: FeedKey[]; written: string[]; unchanged: string[] };

/** For each feed to publish, the archive months to re-render ('all' on a rebuild). */
type Plan = Map<FeedKey, Set<string> | 'all'>;

const sha256 = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');

/**
 * Turns changes into feed files. The stream is only a trigger: every feed is
 * re-rendered from current state, so duplicate, late or reordered records
 * converge on the same bytes, and unchanged bytes are never rewritten. The
 * OPML list of feeds is rewritten when a publish brings a feed into being
 * (and on every rebuild, which repairs a list that lost a race), and with
 * it the stylesheet browsers use to show a feed as a page.
 *
 * With `history`, every feed also has RFC 5005 monthly archives (by month of
 * first publication, which never changes): a change re-renders the archive
 * of its month and that archive's neighbours, whose links it may change.
 */
export function makePublisherService(deps: {
  store: AnnouncementStore;
  objects: ObjectStore;
  site: SiteInfo;
  pageSize: number;
  history?: FeedHistory;
}) {
  async function putIfChanged(file: FeedFile, report: PublishReport): Promise<void> {
    // The headers count too: an archive whose month closes keeps its bytes but gains a long Cache-Control.
    const hash = sha256(`${file.contentType}\n${file.cacheControl}\n${file.body}`);
    if ((await deps.objects.sha256Of(file.key)) === hash) {
      report.unchanged.push(file.key);
      return;
    }
    await deps.objects.put(file.key, file.body, { contentType: file.contentType, cacheControl: file.cacheControl, sha256: hash });
    report.written.push(file.key);
  }

  async function publishFeed(key: FeedKey, months: Set<string> | 'all', report: PublishReport): Promise<void> {
    const items = await deps.store.latestInFeed(key, deps.pageSize);
    const newest = items[0] && monthOf(items[0]);
    const ctx = feedContext(deps.site, key);
    if (deps.history && newest) ctx.history = { prev: archiveUrls(deps.site, key, newest) };
    await Promise.all(renderFeedFiles(ctx, items).map((file) => putIfChanged(file, report)));
    if (deps.history) await publishArchives(deps.history, key, months, newest, report);
  }

  async function publishArchives(history: FeedHistory, key: FeedKey, months: Set<string> | 'all', newest: string | undefined, report: PublishReport) {
    const done = new Set<string>();
    const publishMonth = async (month: string) => {
      done.add(month);
      const [items, prev, next] = await Promise.all([
        history.inFeedMonth(key, month),
        history.adjacentMonth(key, month, 'before'),
        history.adjacentMonth(key, month, 'after'),
      ]);
      const ctx = archiveContext(deps.site, key, month, prev, next);
      const closed = newest !== undefined && month < newest;
      await Promise.all(renderFeedFiles(ctx, items, { closed }).map((file) => putIfChanged(file, report)));
      return [prev, next];
    };
    if (months === 'all') {
      // A rebuild walks the whole chain, newest first; each step is one keyed read.
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

  async function publishFeeds(plan: Plan, options: { index: boolean }): Promise<PublishReport> {
    const keys = [...plan.keys()].sort();
    const report: PublishReport = { feeds: keys, written: [], unchanged: [] };
    if (keys.length === 0) return report;
    const known = new Set(await deps.store.registeredFeeds());
    const fresh = keys.filter((key) => !known.has(key));
    if (fresh.length) await deps.store.registerFeeds(fresh);
    await Promise.all(keys.map((key) => publishFeed(key, plan.get(key)!, report)));
    if (fresh.length || options.index) {
      // Re-read: another publisher may have registered feeds meanwhile.
      await putIfChanged(renderOpml(deps.site, await deps.store.registeredFeeds()), report);
      await putIfChanged(stylesheetFile(), report);
    }
    report.written.sort();
    report.unchanged.sort();
    return report;
  }

  return {
    /** Re-renders these feeds (without archives). */
    publishFeeds: (keys: FeedKey[]) => publishFeeds(new Map(keys.map((k) => [k, new Set<string>()])), { index: false }),
    /** Re-renders every feed there is (and the site feed, which always exists), its archives, and the OPML list. */
    async rebuildAll(): Promise<PublishReport> {
      const keys = new Set([SITE_FEED, ...(await deps.store.registeredFeeds())]);
      return publishFeeds(new Map([...keys].map((k) => [k, 'all' as const])), { index: true });
    },
    /** Re-renders every feed any of these changes touched, and the archives of the months they touched. */
    publishChanges(changes: Change[]): Promise<PublishReport> {
      const plan: Plan = new Map();
      for (const c of changes) {
        // Where the item was and where it is now: each feed it was or is in, in its month.
        for (const a of [c.before, c.after]) {
          for (const key of feedsOf(a)) {
            const months = plan.get(key) ?? new Set<string>();
            if (months !== 'all') months.add(monthOf(a!));
            plan.set(key, months);
          }
        }
      }
      return publishFeeds(plan, { index: false });
    },
  };
}
export type PublisherService = ReturnType<typeof makePublisherService>;
