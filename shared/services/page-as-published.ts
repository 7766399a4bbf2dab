import type { Announcement } from '../domain/announcement';
import { SITE_FEED } from '../domain/feeds';
import type { FeedIndex } from '../ports/feed-index';
import type { Alternate, SiteInfo } from '../render/feed-context';
import { asPublished } from '../render/page-review';
import { windowWithRoots } from './publish-translations';
import { makeResanitiser } from './resanitise';

/** The reads a page needs: the site feed's newest entries and single announcements. */
export type PageReads = Pick<FeedIndex, 'latestInFeed' | 'get'>;

/** What renderPage is given for an announcement: the announcement as it will be published and its translations. */
export type PageInputs = { announcement: Announcement; alternates: Alternate[] };

/**
 * What the publisher would give renderPage for an announcement if it were
 * published now: the body sanitised again (as every publisher read is), and
 * the translation set resolved as the publisher resolves it, from the site
 * feed's newest `pageSize` items (with this one in it, as the newest unless
 * it is there already) plus the roots outside that window. The review page
 * and the preview render through this, so both show "Other languages"
 * exactly as the permalink page will.
 */
export function makePageAsPublished(deps: { index: PageReads; site: Pick<SiteInfo, 'siteUrl' | 'links'>; pageSize: number }) {
  const clean = makeResanitiser();
  const reads = { get: async (id: string) => { const found = await deps.index.get(id); return found && clean(found); } };
  return async function pageInputsOf(given: Announcement): Promise<PageInputs> {
    const announcement = asPublished(clean(given));
    const latest = (await deps.index.latestInFeed(SITE_FEED, deps.pageSize)).map(clean);
    const at = latest.findIndex((a) => a.id === announcement.id);
    const window = at >= 0 ? latest.map((a, i) => (i === at ? announcement : a)) : [announcement, ...latest].slice(0, deps.pageSize);
    const { sets } = await windowWithRoots(reads, deps.site, window);
    return { announcement, alternates: sets.get(announcement.id) ?? [] };
  };
}

/** Resolves an announcement's page inputs (see makePageAsPublished). */
export type PageAsPublished = ReturnType<typeof makePageAsPublished>;
