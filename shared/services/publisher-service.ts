import { createHash } from 'node:crypto';
import type { Announcement } from '../domain/announcement';
import { SITE_FEED, feedsOf, feedsTouched, isPublic, type FeedKey } from '../domain/feeds';
import type { AnnouncementStore } from '../ports/announcement-store';
import type { HubNotifier } from '../ports/hub-notifier';
import type { ObjectStore } from '../ports/object-store';
import { feedContext, type Alternate, type SiteInfo } from '../render/feed-context';
import { renderOpml } from '../render/opml';
import { stylesheetFile } from '../render/stylesheet';
import { pageKeyOf, renderHome, renderPage } from '../render/page';
import { renderFeedFiles, type FeedFile } from '../render/render-feed';
import { rootResolver, translationSets } from '../render/translations';

/** One change as the stream reports it: the item before and after. */
export type Change = { before?: Announcement; after?: Announcement };

/** What a publish did, for logs, metrics and the rebuild report. */
export type PublishReport = { feeds: FeedKey[]; written: string[]; unchanged: string[]; deleted: string[]; pinged: string[] };

const sha256 = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');

/** The feed formats WebSub subscribers follow (calendars and pages are not topics). */
const HUB_TOPIC = /(^|\/)(rss\.xml|atom\.xml|feed\.json)$/;

/**
 * Turns changes into feed files, calendars and pages. The stream is only a
 * trigger: everything is re-rendered from current state, so duplicate, late
 * or reordered records converge on the same bytes, and unchanged bytes are
 * never rewritten. The OPML list of feeds is rewritten when a publish brings
 * a feed into being (and on every rebuild), with the stylesheet browsers use
 * to show a feed as a page. Each announcement a change
 * touches gets its page re-rendered (with its translation set), or deleted
 * when it is no longer public; the home page follows the site feed. After
 * the writes, WebSub hubs hear about every feed file whose bytes changed.
 */
export function makePublisherService(deps: {
  store: AnnouncementStore;
  objects: ObjectStore;
  site: SiteInfo;
  pageSize: number;
  notifyHubs?: HubNotifier;
}) {
  type Run = { report: PublishReport; items: Map<FeedKey, Promise<Announcement[]>> };

  const latest = (run: Run, key: FeedKey) => {
    let found = run.items.get(key);
    if (!found) run.items.set(key, (found = deps.store.latestInFeed(key, deps.pageSize)));
    return found;
  };

  async function putIfChanged(file: FeedFile, report: PublishReport): Promise<void> {
    const hash = sha256(file.body);
    if ((await deps.objects.sha256Of(file.key)) === hash) {
      report.unchanged.push(file.key);
      return;
    }
    await deps.objects.put(file.key, file.body, { contentType: file.contentType, cacheControl: file.cacheControl, sha256: hash });
    report.written.push(file.key);
  }

  /** Site-window announcements plus the roots of their sets, for hreflang links. */
  async function translationsOf(run: Run) {
    const window = await latest(run, SITE_FEED);
    const have = new Set(window.map((a) => a.id));
    const roots = [...new Set(window.flatMap((a) => (a.translationOf && !have.has(a.translationOf) ? [a.translationOf] : [])))];
    const extra = (await Promise.all(roots.map((id) => deps.store.get(id)))).filter((a): a is Announcement => isPublic(a));
    return { window: [...window, ...extra], sets: translationSets(deps.site.siteUrl, [...window, ...extra]) };
  }

  async function publishFeed(run: Run, key: FeedKey, translations: Map<string, Alternate[]>) {
    const items = await latest(run, key);
    const ctx = { ...feedContext(deps.site, key), translations };
    await Promise.all(renderFeedFiles(ctx, items).map((file) => putIfChanged(file, run.report)));
  }

  /**
   * The announcements whose pages (and feed entries) show a changed
   * announcement's translation set: every member before and after the
   * change, so adding, editing or retracting a translation reaches the others.
   */
  function siblingsOf(changes: Change[], window: Announcement[]): Announcement[] {
    const changed = changes.flatMap((c) => [c.before, c.after].filter((a): a is Announcement => a !== undefined));
    const others = window.filter((a) => !changed.some((c) => c.id === a.id));
    const rootOf = rootResolver([...others, ...changed]);
    const roots = new Set(changed.map(rootOf));
    return window.filter((a) => roots.has(rootOf(a)));
  }

  async function publish(touched: FeedKey[], changes: Change[], options: { index: boolean; allPages: boolean }): Promise<PublishReport> {
    const run: Run = { report: { feeds: [], written: [], unchanged: [], deleted: [], pinged: [] }, items: new Map() };
    const { report } = run;
    if (touched.length === 0 && !options.index) return report;
    const { window, sets } = await translationsOf(run);
    const siblings = siblingsOf(changes, window);
    const keys = [...new Set([...touched, ...siblings.flatMap((a) => feedsOf(a))])].sort();
    report.feeds = keys;
    const known = new Set(await deps.store.registeredFeeds());
    const fresh = keys.filter((key) => !known.has(key));
    if (fresh.length) await deps.store.registerFeeds(fresh);
    await Promise.all(keys.map((key) => publishFeed(run, key, sets)));

    // Pages: every changed announcement and the rest of its translation set.
    const byId = new Map(window.map((a) => [a.id, a]));
    const ids = new Set(options.allPages ? byId.keys() : []);
    for (const c of changes) {
      const a = c.after ?? c.before;
      if (a) ids.add(a.id);
    }
    for (const a of siblings) ids.add(a.id);
    const gone = new Set<string>();
    for (const c of changes) {
      const now = c.after && isPublic(c.after) ? c.after : undefined;
      if (c.before && isPublic(c.before) && (!now || pageKeyOf(c.before) !== pageKeyOf(now))) gone.add(pageKeyOf(c.before));
    }
    await Promise.all(
      [...ids].map(async (id) => {
        const current = byId.get(id) ?? (await deps.store.get(id));
        if (!current || !isPublic(current)) return;
        gone.delete(pageKeyOf(current));
        await putIfChanged(renderPage(deps.site, current, sets.get(id) ?? []), report);
      }),
    );
    for (const key of gone) {
      await deps.objects.delete(key);
      report.deleted.push(key);
    }

    const registered = fresh.length || options.index || keys.includes(SITE_FEED) ? await deps.store.registeredFeeds() : [];
    if (keys.includes(SITE_FEED) || options.index) {
      await putIfChanged(renderHome(deps.site, await latest(run, SITE_FEED), registered), report);
    }
    if (fresh.length || options.index) {
      // Re-read: another publisher may have registered feeds meanwhile.
      await putIfChanged(renderOpml(deps.site, registered), report);
      await putIfChanged(stylesheetFile(), report);
    }
    report.written.sort();
    report.unchanged.sort();
    report.deleted.sort();
    report.pinged = report.written.filter((k) => HUB_TOPIC.test(k)).map((k) => `${deps.site.siteUrl}/${k}`);
    if (deps.notifyHubs && report.pinged.length) {
      // The notifier never throws; this catch is for a misbehaving stand-in.
      await deps.notifyHubs(report.pinged).catch(() => undefined);
    }
    return report;
  }

  return {
    publishFeeds: (keys: FeedKey[]) => publish(keys, [], { index: false, allPages: false }),
    /** Re-renders every feed there is (and the site feed, which always exists), the OPML list, the home page and the site window's pages. */
    async rebuildAll(): Promise<PublishReport> {
      const keys = new Set([SITE_FEED, ...(await deps.store.registeredFeeds())]);
      return publish([...keys].sort(), [], { index: true, allPages: true });
    },
    /** Re-renders every feed any of these changes touched, and the pages of the announcements they changed. */
    publishChanges(changes: Change[]): Promise<PublishReport> {
      const keys = new Set(changes.flatMap((c) => feedsTouched(c.before, c.after)));
      return publish([...keys].sort(), changes, { index: false, allPages: false });
    },
  };
}
export type PublisherService = ReturnType<typeof makePublisherService>;
