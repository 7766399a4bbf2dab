import type { Announcement } from '../domain/announcement';
import { entrySortKey, groupByPage, monthOfKey, pageIndexOf, pagePath, pagesOf, splitPoints, type ArchivePage } from '../domain/archive-pages';
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

/** The first or last page of another month, re-rendered because its link to this month changed. */
async function publishEdge(deps: Deps, key: FeedKey, month: string, edge: 'first' | 'last', log: WriteLog): Promise<void> {
  const l = await layoutOf(deps.history, key, month);
  const i = edge === 'first' ? 0 : l.pages.length - 1;
  await renderPage(deps, key, l, i, await deps.history.inFeedPage(key, l.pages[i]!), log);
}

/**
 * A change's month: only the pages holding the changed sort keys (split when
 * they outgrew ARCHIVE_PAGE_MAX), plus the page after a split (its prev link
 * moved) and, when the month appears or empties, the neighbouring months' edges.
 */
async function publishKeys(deps: Deps, key: FeedKey, month: string, keys: string[], log: WriteLog): Promise<string[]> {
  const l0 = await layoutOf(deps.history, key, month);
  const touched = [...new Set(keys.map((sk) => pageIndexOf(l0.pages, sk)))];
  const read = await Promise.all(touched.map((i) => deps.history.inFeedPage(key, l0.pages[i]!)));
  const l = await split(deps, key, l0, read);
  const added = l.boundaries.slice(l0.boundaries.length);
  const starts = new Set(touched.map((i) => l0.pages[i]!.start));
  const renderAt = l.pages.flatMap((p, i) => (starts.has(p.start) || added.includes(p.start!) ? [i] : []));
  const groups = groupByPage(l.pages, read.flat());
  const work = renderAt.map((i) => renderPage(deps, key, l, i, groups[i]!, log));
  // A split page's upper half is new: the page after it must link back to it.
  for (const i of touched.filter((t, n) => splitPoints(read[n]!.map(entrySortKey).reverse()).length > 0)) {
    const end = l0.pages[i]!.end;
    const j = l.pages.findIndex((p) => p.start === end);
    if (end !== undefined && !renderAt.includes(j)) work.push(deps.history.inFeedPage(key, l.pages[j]!).then((items) => renderPage(deps, key, l, j, items, log)));
    else if (l.nextMonth) work.push(publishEdge(deps, key, l.nextMonth, 'first', log));
  }
  // A month of one page that now holds one item or none may have just appeared in or left the chain.
  if (l.pages.length === 1 && read.flat().length <= 1) {
    if (l.prevMonth) work.push(publishEdge(deps, key, l.prevMonth, 'last', log));
    if (l.nextMonth) work.push(publishEdge(deps, key, l.nextMonth, 'first', log));
  }
  await Promise.all(work);
  return added;
}

/**
 * RFC 5005 archives of one feed, in pages (shared/domain/archive-pages.ts).
 * A change re-renders the pages holding its sort keys, months in order so a
 * split seen by one is read by the next; a rebuild ('all') walks the whole
 * chain from the newest month, one month's read per step, splitting any page
 * stored before paging that is over the limit. Returns the boundaries added.
 */
export async function publishArchives(deps: Deps, key: FeedKey, keys: Set<string> | 'all', newest: () => Promise<string | undefined>, log: WriteLog): Promise<string[]> {
  const added: string[] = [];
  if (keys === 'all') {
    for (let month = await newest(); month; month = await publishMonth(deps, key, month, added, log));
    return added;
  }
  const byMonth = new Map<string, string[]>();
  for (const sk of keys) byMonth.set(monthOfKey(sk), [...(byMonth.get(monthOfKey(sk)) ?? []), sk]);
  for (const month of [...byMonth.keys()].sort()) added.push(...(await publishKeys(deps, key, month, byMonth.get(month)!, log)));
  return added;
}
