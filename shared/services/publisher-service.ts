import type { Announcement } from '../domain/announcement';
import { SITE_FEED, feedsOf, isPublic, type FeedKey } from '../domain/feeds';
import type { AnnouncementStore } from '../ports/announcement-store';
import type { FeedHistory } from '../ports/feed-history';
import type { HubNotifier } from '../ports/hub-notifier';
import type { ObjectStore } from '../ports/object-store';
import { archiveUrls, feedContext, monthOf, type Alternate, type SiteInfo } from '../render/feed-context';
import { renderOpml } from '../render/opml';
import { stylesheetFile } from '../render/stylesheet';
import { pageKeyOf, renderHome, renderPage } from '../render/page';
import { renderFeedFiles } from '../render/render-feed';
import { rootResolver, translationSets } from '../render/translations';
import { publishArchives } from './archive-publisher';
import { makeSkipUnchanged } from './skip-unchanged';

/** One change as the stream reports it: the item before and after. */
export type Change = { before?: Announcement; after?: Announcement };

/** What a publish did, for logs, metrics and the rebuild report. */
export type PublishReport = { feeds: FeedKey[]; written: string[]; unchanged: string[]; deleted: string[]; pinged: string[] };

/** For each feed to publish, the archive months to re-render ('all' on a rebuild). */
type Plan = Map<FeedKey, Set<string> | 'all'>;

/**
 * The feed documents WebSub subscribers follow: a feed's current RSS, Atom and
 * JSON. Calendars, pages and RFC 5005 archive documents are not topics.
 */
const HUB_TOPIC = /^(?!.*\/archive\/\d{4}-\d{2}\/)(.*\/)?(rss\.xml|atom\.xml|feed\.json)$/;

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
  notifyHubs?: HubNotifier;
  history?: FeedHistory;
}) {
  type Run = { report: PublishReport; items: Map<FeedKey, Promise<Announcement[]>> };

  const latest = (run: Run, key: FeedKey) => {
    let found = run.items.get(key);
    if (!found) run.items.set(key, (found = deps.store.latestInFeed(key, deps.pageSize)));
    return found;
  };

  const putIfChanged = makeSkipUnchanged(deps.objects);

  /** Site-window announcements plus the roots of their sets, for hreflang links. */
  async function translationsOf(run: Run) {
    const window = await latest(run, SITE_FEED);
    const have = new Set(window.map((a) => a.id));
    const roots = [...new Set(window.flatMap((a) => (a.translationOf && !have.has(a.translationOf) ? [a.translationOf] : [])))];
    const extra = (await Promise.all(roots.map((id) => deps.store.get(id)))).filter((a): a is Announcement => isPublic(a));
    return { window: [...window, ...extra], sets: translationSets(deps.site.siteUrl, [...window, ...extra]) };
  }

  /** A feed's current document, and with `history` the archives of the planned months. */
  async function publishFeed(run: Run, key: FeedKey, months: Set<string> | 'all', translations: Map<string, Alternate[]>) {
    const items = await latest(run, key);
    const newest = items[0] && monthOf(items[0]);
    const ctx = { ...feedContext(deps.site, key), translations };
    if (deps.history && newest) ctx.history = { prev: archiveUrls(deps.site, key, newest) };
    await Promise.all(renderFeedFiles(ctx, items).map((file) => putIfChanged(file, run.report)));
    if (deps.history) await publishArchives({ history: deps.history, site: deps.site, put: putIfChanged }, key, months, newest, run.report);
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

  async function publish(plan: Plan, changes: Change[], options: { index: boolean; allPages: boolean }): Promise<PublishReport> {
    const run: Run = { report: { feeds: [], written: [], unchanged: [], deleted: [], pinged: [] }, items: new Map() };
    const { report } = run;
    if (plan.size === 0 && !options.index) return report;
    const { window, sets } = await translationsOf(run);
    const siblings = siblingsOf(changes, window);
    // Feeds that show a changed item's translation set: their current documents only.
    for (const key of siblings.flatMap((a) => feedsOf(a))) if (!plan.has(key)) plan.set(key, new Set());
    const keys = [...plan.keys()].sort();
    report.feeds = keys;
    const known = new Set(await deps.store.registeredFeeds());
    const fresh = keys.filter((key) => !known.has(key));
    await Promise.all(keys.map((key) => publishFeed(run, key, plan.get(key)!, sets)));

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

    // Re-read: another publisher may have registered feeds meanwhile.
    const registered =
      fresh.length || options.index || keys.includes(SITE_FEED)
        ? [...new Set([...(await deps.store.registeredFeeds()), ...fresh])].sort()
        : [];
    if (keys.includes(SITE_FEED) || options.index) {
      await putIfChanged(renderHome(deps.site, await latest(run, SITE_FEED), registered), report);
    }
    if (fresh.length || options.index) {
      await putIfChanged(renderOpml(deps.site, registered), report);
      await putIfChanged(stylesheetFile(), report);
    }
    // Registered last: if any write above failed, the retried batch still sees
    // these feeds as new and writes the OPML list and stylesheet again.
    if (fresh.length) await deps.store.registerFeeds(fresh);
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
    /** Re-renders these feeds' current documents (without archives). */
    publishFeeds: (keys: FeedKey[]) => publish(new Map(keys.map((k) => [k, new Set<string>()])), [], { index: false, allPages: false }),
    /**
     * Re-renders every feed there is (and the site feed, which always exists)
     * with all its archives, the OPML list, the home page and the site window's pages.
     */
    async rebuildAll(): Promise<PublishReport> {
      const keys = new Set([SITE_FEED, ...(await deps.store.registeredFeeds())]);
      return publish(new Map([...keys].map((k) => [k, 'all' as const])), [], { index: true, allPages: true });
    },
    /**
     * Re-renders every feed any of these changes touched, the archives of the
     * months they touched, and the pages of the announcements they changed.
     */
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
      return publish(plan, changes, { index: false, allPages: false });
    },
  };
}
export type PublisherService = ReturnType<typeof makePublisherService>;
