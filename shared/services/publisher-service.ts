import type { Announcement } from '../domain/announcement';
import { SITE_FEED, feedsOf } from '../domain/feeds';
import { projectEntries } from './publish-entries';
import { currentFiles, writeFeeds } from './publish-feeds';
import { importedOnly, pingHubs, sortReport } from './publish-hubs';
import { writeIndex } from './publish-index';
import { writePages } from './publish-pages';
import { allFeeds, freshFeeds } from './publish-registry';
import { planOf, startRun, type Change, type Plan, type PublisherDeps, type PublishReport } from './publish-run';
import { siblingsOf, siteWindowOf } from './publish-translations';
import { readOnce } from './read-once';
import { makeResanitiser } from './resanitise';
import { HOME_KEY, pageKeyOf } from '../render/page';
import { isPublic } from '../domain/feeds';
import { makeSkipUnchanged, type PutIfChanged } from './skip-unchanged';
import { makeRebuilder, type RebuildDeps } from './publisher-rebuild';

export type { Change, PublisherDeps, PublishReport } from './publish-run';
export { REBUILD_PAGE, REBUILD_STOP_MARGIN_MS } from './publisher-rebuild';

/** The pages a batch will render for its changed announcements (public now): known before anything is read. */
const pagesOf = (changes: Change[]) => changes.flatMap((c) => (c.after && isPublic(c.after) ? [pageKeyOf(c.after)] : []));

/**
 * Versions the publisher keeps between changes (a few full archive pages of
 * every feed a change touches; about 15 KB each with their rendered entries).
 */
export const PUBLISH_MEMO_SIZE = 3_000;

/**
 * Turns changes into feed files, calendars and pages. The stream is only a
 * trigger: everything is re-rendered from current state, so duplicate, late
 * or reordered records converge on the same bytes, and unchanged bytes are
 * never rewritten. Stored body HTML is sanitised again before it is rendered.
 *
 * A publish runs named steps: feeds (current documents and the RFC 5005
 * archives of the months touched, plus their neighbours) and, at the same
 * time, pages (each changed announcement's, with its translation set); home
 * and OPML after the feeds (the home page follows the site feed, the OPML
 * list and stylesheet follow the set of feeds); registry last (new feeds
 * recorded after every write, so a failed write is retried with them still
 * new); then hub pings for every changed feed document.
 */
export function makePublisherService(deps: RebuildDeps) {
  const writer = makeSkipUnchanged(deps.objects, deps.hashes);
  const clean = makeResanitiser();
  // Each run (a publish, or one rebuild across all its pages) hands out one object per version it reads.
  const run = (put: PutIfChanged = writer.put, w = writer, same = readOnce(clean), ready?: Promise<void>, index = deps.index) =>
    startRun({ ...deps, index }, { put, remove: w.remove, lookup: w.lookup }, same, ready);
  // Changes hand out one object per version across publishes, not only within one: the renderers
  // remember each entry by object, so the next change re-renders only what is new on an archive
  // page of up to 200 items (by a CPU profile, most of a busy month's publish) and reuses the rest.
  const warm = readOnce(clean, PUBLISH_MEMO_SIZE);

  async function publish(
    plan: Plan,
    changes: Change[],
    options: { index: boolean; allPages: boolean; quiet?: boolean },
    put?: PutIfChanged,
    same?: (a: Announcement) => Announcement,
    ready?: Promise<void>,
    feedIndex?: PublisherDeps['index'],
  ): Promise<PublishReport> {
    // A publish of changes settles only its own hash records, not those of one beside it
    // (npm start publishes an editor's change beside a batch of imports).
    const own = put ? writer : makeSkipUnchanged(deps.objects, deps.hashes);
    const r = run(put ?? own.put, own, same, ready, feedIndex);
    if (plan.size === 0 && !options.index) {
      await ready;
      return r.report;
    }
    // The hash records of every file already known to be rendered, in one batch while the reads start.
    r.prime([...[...plan.keys()].flatMap(currentFiles), ...pagesOf(changes), ...(options.index || plan.has(SITE_FEED) ? [HOME_KEY] : [])]);
    const site = siteWindowOf(r, deps.site);
    const sets = site.then((s) => s.sets);
    // Feeds that show a changed item's translation set: their current documents only, once the site window is read.
    const extra: Promise<Plan> = site.then((s) => new Map(siblingsOf(changes, s.window).flatMap((a) => feedsOf(a)).filter((key) => !plan.has(key)).map((key) => [key, new Set<string>()])));
    const keys = extra.then((more) => [...new Set([...plan.keys(), ...more.keys()])].sort());
    const known = keys.then((all) => freshFeeds(deps.registry, all));
    known.catch(() => undefined); // awaited below; a failed write step must not leave it unhandled
    // The list of feeds for the home page, read beside everything else (a change's home page goes early, below).
    const listed = !options.index && plan.has(SITE_FEED) ? allFeeds(deps.registry) : undefined;
    listed?.catch(() => undefined); // awaited below when used
    // Feeds and pages do not depend on each other.
    const feeds = Promise.all([writeFeeds(r, deps.site, plan, sets), extra.then((more) => (r.prime([...more.keys()].flatMap(currentFiles)), writeFeeds(r, deps.site, more, sets)))]);
    const index = Promise.all([known, keys]).then(async ([fresh, all]) => {
      const what = { home: options.index || all.includes(SITE_FEED), opml: options.index || fresh.length > 0 };
      if (!what.home && !what.opml) return;
      // A change that brings no new feed names only feeds whose files an earlier publish wrote: its
      // home page goes beside the feeds (one round less). Otherwise home and OPML follow the feeds,
      // so neither links a file not there yet, listed then (another publisher may have registered some).
      if (listed && fresh.length === 0) return writeIndex(r, deps.site, what, await listed);
      await feeds;
      await writeIndex(r, deps.site, what, await allFeeds(deps.registry, fresh));
    });
    await Promise.all([
      feeds,
      index,
      site.then((window) => writePages(r, deps, { changes, siblings: siblingsOf(changes, window.window), site: window, allPages: options.allPages })),
      ready,
    ]).catch(async (err: unknown) => {
      // The records of what did get written still count; the publish fails as it would have.
      await own.settle().catch(() => undefined);
      throw err;
    });
    r.report.feeds = await keys;
    await own.settle();
    const fresh = await known;
    if (fresh.length) await deps.registry.register(fresh);
    // Imported history is not news: a batch of imports only (see importedOnly), or their deferred renders, ping no hub.
    return options.quiet || importedOnly(changes) ? sortReport(r.report) : pingHubs(deps.notifyHubs, deps.site.siteUrl, r.report);
  }

  const { rebuildFrom } = makeRebuilder({ deps, writer, clean, run, publish, rebuildWith: (d) => makePublisherService(d).rebuildFrom });

  return {
    rebuildFrom,
    /**
     * The deferred render of imported versions (deferred-render.ts): these
     * feeds at these places and these announcements' pages, from current
     * state, pinging no hub; `gone` pages (their earlier keys) are deleted.
     */
    async publishQuietly(plan: Plan, current: Announcement[], gone: string[]): Promise<PublishReport> {
      // Their pages use the versions already read (in batches), not one GetItem each.
      const known = new Map(current.map((a) => [a.id, a]));
      const index: PublisherDeps['index'] = Object.assign(Object.create(deps.index) as PublisherDeps['index'], { get: async (id: string) => known.get(id) ?? deps.index.get(id) });
      const report = await publish(plan, current.map((after) => ({ after })), { index: false, allPages: false, quiet: true }, undefined, undefined, undefined, index);
      const kept = new Set(current.filter(isPublic).map(pageKeyOf));
      for (const key of gone.filter((k) => !kept.has(k))) {
        await writer.remove(key);
        report.deleted.push(key);
      }
      return report;
    },
    /**
     * Re-renders every feed there is (and the site feed, which always exists)
     * with all its archives, the OPML list, the home page and the site
     * window's pages. The registry is read a page at a time and each page of
     * feeds rendered on its own, so memory stays flat at any number of feeds.
     */
    async rebuildAll(options: { rederive?: boolean } = {}): Promise<PublishReport> {
      return (await rebuildFrom(options)).report;
    },
    /**
     * Re-renders every feed any of these changes touched, the archives of the
     * months they touched, and the pages of the announcements they changed.
     */
    async publishChanges(changes: Change[], alongside?: Promise<void>): Promise<PublishReport> {
      // Entry reads wait for the projection (and `alongside`, a write they must follow); boundary and hash-record reads start beside it.
      const ready = Promise.all([projectEntries(deps.index, changes), alongside]).then(() => undefined);
      ready.catch(() => undefined); // publish() awaits it
      return publish(planOf(changes), changes, { index: false, allPages: false }, undefined, warm, ready);
    },
  };
}
export type PublisherService = ReturnType<typeof makePublisherService>;
