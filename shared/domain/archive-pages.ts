import type { Announcement } from './announcement';

/**
 * Archive pages: a feed's RFC 5005 archive is one document per month until a
 * month holds more than ARCHIVE_PAGE_MAX items; then the page that grew past
 * it is split in two at its median, like a B-tree node. Boundaries are stored
 * (never derived from the items), so a split happens once, pages only shrink
 * afterwards, and a published page URL never moves. One change therefore
 * re-renders at most one page (split or not) and one neighbour.
 */
export const ARCHIVE_PAGE_SIZE = 100;
/** The most items one archive page holds before it is split. */
export const ARCHIVE_PAGE_MAX = 2 * ARCHIVE_PAGE_SIZE;

/** An entry's place in its feed: ISO publication time, then id (the feed index's sort key). */
export const entrySortKey = (a: Pick<Announcement, 'publishedAt' | 'updatedAt' | 'id'>): string => `${a.publishedAt ?? a.updatedAt}#${a.id}`;

/** The month (YYYY-MM) a sort key or boundary falls in. */
export const monthOfKey = (sk: string): string => sk.slice(0, 7);

/**
 * One archive page: the entries of `month` from `start` (a stored boundary;
 * none for the month's first page) up to `end` (the month's next boundary;
 * none for its last page), end excluded.
 */
export type ArchivePage = { month: string; start?: string; end?: string };

/**
 * A page's path under the feed's archive/: the month for its first page (so a
 * quiet month keeps its URL), else month/<compact start time>-<item id>.
 */
export function pagePath(page: Pick<ArchivePage, 'month' | 'start'>): string {
  if (!page.start) return page.month;
  const hash = page.start.indexOf('#');
  return `${page.month}/${page.start.slice(0, hash).replace(/[-:.]/g, '')}-${page.start.slice(hash + 1)}`;
}

/** The pages of one month, oldest first, from its stored boundaries (any order). */
export function pagesOf(month: string, boundaries: string[]): ArchivePage[] {
  const starts = [undefined, ...[...new Set(boundaries)].filter((b) => monthOfKey(b) === month).sort()];
  return starts.map((start, i) => ({ month, start, end: starts[i + 1] }));
}

/** The index of the page holding sort key `sk` (a key of the pages' month). */
export function pageIndexOf(pages: ArchivePage[], sk: string): number {
  let found = 0;
  pages.forEach((p, i) => {
    if (p.start !== undefined && p.start <= sk) found = i;
  });
  return found;
}

/** Whether sort key `sk` belongs to `page`. */
export const inPage = (page: ArchivePage, sk: string): boolean =>
  monthOfKey(sk) === page.month && (page.start === undefined || sk >= page.start) && (page.end === undefined || sk < page.end);

/**
 * The boundaries to add so no part of a page (its keys, ascending) holds more
 * than `max`: the median of an oversized part, recursively. Deterministic, so
 * two publishers splitting the same page write the same boundary.
 */
export function splitPoints(ascending: string[], max: number = ARCHIVE_PAGE_MAX): string[] {
  if (ascending.length <= max) return [];
  const mid = Math.floor(ascending.length / 2);
  return [...splitPoints(ascending.slice(0, mid), max), ascending[mid]!, ...splitPoints(ascending.slice(mid), max)];
}

/** Items (newest first) sorted onto pages (oldest first) in one pass; each group newest first. */
export function groupByPage<T extends Pick<Announcement, 'publishedAt' | 'updatedAt' | 'id'>>(pages: ArchivePage[], newestFirst: T[]): T[][] {
  const groups = pages.map((): T[] => []);
  let i = pages.length - 1;
  for (const item of newestFirst) {
    const sk = entrySortKey(item);
    while (i > 0 && pages[i]!.start! > sk) i--;
    if (inPage(pages[i]!, sk)) groups[i]!.push(item);
  }
  return groups;
}
