import { createHash } from 'node:crypto';
import type { Announcement } from '../domain/announcement';
import { SITE_FEED, feedsTouched, type FeedKey } from '../domain/feeds';
import type { AnnouncementStore } from '../ports/announcement-store';
import type { ObjectStore } from '../ports/object-store';
import { feedContext, type SiteInfo } from '../render/feed-context';
import { renderOpml } from '../render/opml';
import { stylesheetFile } from '../render/stylesheet';
import { renderFeedFiles, type FeedFile } from '../render/render-feed';

/** One change as the stream reports it: the item before and after. */
export type Change = { before?: Announcement; after?: Announcement };

/** What a publish did, for logs, metrics and the rebuild report. */
export type PublishReport = { feeds: FeedKey[]; written: string[]; unchanged: string[] };

const sha256 = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');

/**
 * Turns changes into feed files. The stream is only a trigger: every feed is
 * re-rendered from current state, so duplicate, late or reordered records
 * converge on the same bytes, and unchanged bytes are never rewritten. The
 * OPML list of feeds is rewritten when a publish brings a feed into being
 * (and on every rebuild, which repairs a list that lost a race), and with
 * it the stylesheet browsers use to show a feed as a page.
 */
export function makePublisherService(deps: {
  store: AnnouncementStore;
  objects: ObjectStore;
  site: SiteInfo;
  pageSize: number;
}) {
  async function putIfChanged(file: FeedFile, report: PublishReport): Promise<void> {
    const hash = sha256(file.body);
    if ((await deps.objects.sha256Of(file.key)) === hash) {
      report.unchanged.push(file.key);
      return;
    }
    await deps.objects.put(file.key, file.body, { contentType: file.contentType, cacheControl: file.cacheControl, sha256: hash });
    report.written.push(file.key);
  }

  async function publishFeed(key: FeedKey, report: PublishReport): Promise<void> {
    const items = await deps.store.latestInFeed(key, deps.pageSize);
    await Promise.all(renderFeedFiles(feedContext(deps.site, key), items).map((file) => putIfChanged(file, report)));
  }

  async function publishFeeds(keys: FeedKey[], options: { index: boolean }): Promise<PublishReport> {
    const report: PublishReport = { feeds: keys, written: [], unchanged: [] };
    if (keys.length === 0) return report;
    const known = new Set(await deps.store.registeredFeeds());
    const fresh = keys.filter((key) => !known.has(key));
    if (fresh.length) await deps.store.registerFeeds(fresh);
    await Promise.all(keys.map((key) => publishFeed(key, report)));
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
    publishFeeds: (keys: FeedKey[]) => publishFeeds(keys, { index: false }),
    /** Re-renders every feed there is (and the site feed, which always exists), and the OPML list. */
    async rebuildAll(): Promise<PublishReport> {
      const keys = new Set([SITE_FEED, ...(await deps.store.registeredFeeds())]);
      return publishFeeds([...keys].sort(), { index: true });
    },
    /** Re-renders every feed any of these changes touched. */
    publishChanges(changes: Change[]): Promise<PublishReport> {
      const keys = new Set(changes.flatMap((c) => feedsTouched(c.before, c.after)));
      return publishFeeds([...keys].sort(), { index: false });
    },
  };
}
export type PublisherService = ReturnType<typeof makePublisherService>;
