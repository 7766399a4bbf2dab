import type { Announcement } from '../domain/announcement';
import { entrySortKey, groupByPage, monthOfKey, pagePath, pagesOf, splitPoints, type ArchivePage } from '../domain/archive-pages';
import type { FeedKey } from '../domain/feeds';
import type { FeedHistory } from '../ports/feed-history';
import { archiveContext, type SiteInfo } from '../render/feed-context';
import { renderFeedFiles } from '../render/render-feed';
import type { PutIfChanged, WriteLog } from './skip-unchanged';

type Deps = { history: FeedHistory; site: SiteInfo; put: PutIfChanged };

/** A month's pages with what they link to outside it: the previous month's last page, the next month. */
type Layout = { month: string; boundaries: string[]; pages: ArchivePage[]; prevMonth?: string; prevPath?: string; nextMonth?: string };

/** Four consistent Queries at once: the month's boundaries, the last boundary before it, the months around it. */
async function layoutOf(h: FeedHistory, key: FeedKey, month: string): Promise<Layout> {
  const [boundaries, before, prevMonth, nextMonth] = await Promise.all([
    h.pageBoundaries(key, month),
    h.lastPageBoundary(key, `${month}-`),
    h.adjacentMonth(key, month, 'before'),
    h.adjacentMonth(key, month, 'after'),
  ]);
  const prevStart = before && prevMonth && monthOfKey(before) === prevMonth ? before : undefined;
  return { month, boundaries, pages: pagesOf(month, boundaries), prevMonth, prevPath: prevMonth && pagePath({ month: prevMonth, start: prevStart }), nextMonth };
}

const withBoundaries = (l: Layout, added: string[]): Layout => ({ ...l, boundaries: [...l.boundaries, ...added], pages: pagesOf(l.month, [...l.boundaries, ...added]) });

/** Renders page `i` of a month. Only the feed's very last page is open (short cache); every other page is closed. */
async function renderPage(deps: Deps, key: FeedKey, l: Layout, i: number, items: Announcement[], log: WriteLog): Promise<void> {
  const last = i === l.pages.length - 1;
  const ctx = archiveContext(deps.site, key, l.pages[i]!, i > 0 ? pagePath(l.pages[i - 1]!) : l.prevPath, last ? l.nextMonth : pagePath(l.pages[i + 1]!));
  await Promise.all(renderFeedFiles(ctx, items, { closed: !(last && l.nextMonth === undefined) }).map((file) => deps.put(file, log)));
}

/** Splits whatever outgrew a page (items of whole pages, newest first) and stores the new boundaries. */
async function split(deps: Deps, key: FeedKey, l: Layout, groups: Announcement[][]): Promise<Layout> {
  const added = groups.flatMap((items) => splitPoints(items.map(entrySortKey).reverse()));
  if (!added.length) return l;
  await deps.history.addPageBoundaries(key, added);
  return withBoundaries(l, added);
}

/** A rebuild's month: every page, from one read of the month. Returns the month before. */
async function publishMonth(deps: Deps, key: FeedKey, month: string, added: string[], log: WriteLog): Promise<string | undefined> {
  const [before, items] = await Promise.all([layoutOf(deps.history, key, month), deps.history.inFeedMonth(key, month)]);
  const l = await split(deps, key, before, groupByPage(before.pages, items));
  added.push(...l.boundaries.slice(before.boundaries.length));
  const groups = groupByPage(l.pages, items);
  await Promise.all(l.pages.map((_, i) => renderPage(deps, key, l, i, groups[i]!, log)));
  return l.prevMonth;
}

/**
 * RFC 5005 archives of one feed, in pages (shared/domain/archive-pages.ts),
 * all of them: a rebuild walks the whole chain from the newest month, one
 * month's read per step, splitting any page stored before paging that is
 * over the limit. Returns the boundaries added. (A change re-renders only
 * its pages: archive-change.ts.)
 *
 * `listed` are the months the bucket holds this feed's archive files for.
 * One the walk did not reach holds no items now (its last ones retracted or
 * moved by a change whose publish was lost): it is rendered as the change
 * would have rendered it, empty, so the old URL answers without them.
 */
export async function publishArchives(deps: Deps, key: FeedKey, newest: () => Promise<string | undefined>, log: WriteLog, listed?: ReadonlySet<string>): Promise<string[]> {
  const added: string[] = [];
  const walked = new Set<string>();
  for (let month = await newest(); month; month = await publishMonth(deps, key, month, added, log)) walked.add(month);
  const emptied = [...(listed ?? [])].filter((m) => !walked.has(m)).sort();
  for (const month of emptied) await publishMonth(deps, key, month, added, log);
  return added;
}
