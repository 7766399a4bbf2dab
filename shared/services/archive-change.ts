import type { Announcement } from '../domain/announcement';
import { entrySortKey, groupByPage, monthOfKey, pageIndexOf, pagePath, pagesOf, splitPoints, type ArchivePage } from '../domain/archive-pages';
import type { FeedKey } from '../domain/feeds';
import type { FeedHistory } from '../ports/feed-history';
import { archiveContext, archivePrefix, type SiteInfo } from '../render/feed-context';
import { FEED_FILE_NAMES, renderFeedFiles } from '../render/render-feed';
import { monthsNear, type MonthsNear } from './archive-months';
import type { PutIfChanged, WriteLog } from './skip-unchanged';

/** What a change's archive step reads and writes through (one feed). */
export type ChangeDeps = {
  history: FeedHistory;
  site: SiteInfo;
  put: PutIfChanged;
  /** The feed's newest items (read once per run): the months next to a recent one, without a Query. */
  latest: () => Promise<Announcement[]>;
  /** How many items `latest` asks for: fewer back means the feed holds no more. */
  limit: number;
  /** Asks for the hash records of files about to be rendered, batched with others. */
  prime: (keys: string[]) => void;
  /** Renders and PUTs, which the caller awaits: the boundaries are known before they end. */
  work: Promise<void>[];
  /** Settles once the feed's current documents are rendered and handed to the bucket: pages render after it. */
  currentOut?: Promise<void>;
};

/** What the archives of a change tell the current documents: boundaries added, and the feed's last one when it was read. */
export type ChangedArchives = { added: string[]; newest?: { last?: string } };

/**
 * A month's pages as far as a change needs them: the boundaries next to the
 * changed key (all of the month's when several keys changed), the last
 * boundary before the month when known, and the feed's last boundary when no
 * boundary lies past the key.
 */
type Local = { month: string; boundaries: string[]; pages: ArchivePage[]; before?: string; beforeKnown: boolean; newest?: { last?: string } };

async function localLayout(h: FeedHistory, key: FeedKey, month: string, keys: string[]): Promise<Local> {
  if (keys.length !== 1) {
    const [boundaries, before] = await Promise.all([h.pageBoundaries(key, month), h.lastPageBoundary(key, `${month}-`)]);
    return { month, boundaries, pages: pagesOf(month, boundaries), before, beforeKnown: true };
  }
  const { below, above } = await h.boundariesAround(key, keys[0]!);
  // Pages built from the neighbours only: the key's page, the one before and the one after are exact.
  const boundaries = [...below, ...above].filter((b) => monthOfKey(b) === month);
  const older = below.findIndex((b) => monthOfKey(b) < month);
  return {
    month,
    boundaries,
    pages: pagesOf(month, boundaries),
    before: older >= 0 ? below[older] : undefined,
    beforeKnown: older >= 0 || below.length < 2,
    newest: above.length === 0 ? { last: below[0] } : undefined,
  };
}

/**
 * One feed's archive step: the pages it renders, and the edges of other
 * months it owes. Edges render once every changed month's boundaries are
 * stored, and only pages not rendered already: two renders of one page in
 * one publish would race, and the one that read before a split could land last.
 */
type Run = { rendered: Set<string>; whole: Set<string>; edges: { month: Promise<string | undefined>; edge: 'first' | 'last' }[] };

const filesOf = (key: FeedKey, page: ArchivePage) => FEED_FILE_NAMES.map((name) => `${archivePrefix(key, pagePath(page))}${name}`);

/** Renders page `i` of a month: only the feed's very last page is open (short cache). */
async function render(deps: ChangeDeps, near: MonthsNear, key: FeedKey, l: Local, i: number, items: Announcement[], log: WriteLog): Promise<void> {
  const last = i === l.pages.length - 1;
  const prevPath = async () => {
    const prevMonth = await near.before(l.month);
    if (!prevMonth) return undefined;
    const before = l.beforeKnown ? l.before : await deps.history.lastPageBoundary(key, `${l.month}-`);
    return pagePath({ month: prevMonth, start: before && monthOfKey(before) === prevMonth ? before : undefined });
  };
  const [prev, next] = await Promise.all([i > 0 ? pagePath(l.pages[i - 1]!) : prevPath(), last ? near.after(l.month) : pagePath(l.pages[i + 1]!)]);
  // A page of up to 200 items takes a while to render, and its PUT queues beside theirs:
  // the current documents (what readers poll) go first.
  await deps.currentOut;
  const ctx = archiveContext(deps.site, key, l.pages[i]!, prev, next);
  await Promise.all(renderFeedFiles(ctx, items, { closed: !(last && next === undefined) }).map((file) => deps.put(file, log)));
}

/** The first or last page of another month, re-rendered because its link to a changed month moved (unless this run rendered it). */
async function publishEdge(deps: ChangeDeps, near: MonthsNear, key: FeedKey, month: string, edge: 'first' | 'last', run: Run, log: WriteLog): Promise<void> {
  const probe = edge === 'first' ? `${month}-` : `${month}~`;
  const l = await localLayout(deps.history, key, month, [probe]);
  const i = pageIndexOf(l.pages, probe);
  if (run.rendered.has(pagePath(l.pages[i]!))) return;
  run.rendered.add(pagePath(l.pages[i]!));
  deps.prime(filesOf(key, l.pages[i]!));
  await render(deps, near, key, l, i, await deps.history.inFeedPage(key, l.pages[i]!), log);
}

/** Keeps `p` for the caller to await, and marks it handled meanwhile so a failure waits for that await. */
function defer(work: Promise<void>[], p: Promise<void>): void {
  p.catch(() => undefined);
  work.push(p);
}

/** Owes the `edge` page of the month `month` names, rendered after the run's months; handled meanwhile, as defer's are. */
function owe(run: Run, month: Promise<string | undefined>, edge: 'first' | 'last'): void {
  month.catch(() => undefined);
  run.edges.push({ month, edge });
}

/**
 * A change's month: only the pages holding the changed sort keys (split when
 * they outgrew ARCHIVE_PAGE_MAX), plus the page after a split (its prev link
 * moved) and, when the month appears or empties, the neighbouring months'
 * edges. Returns once the boundaries are stored; renders go to deps.work.
 */
async function publishKeys(deps: ChangeDeps, near: MonthsNear, key: FeedKey, month: string, keys: string[], run: Run, log: WriteLog): Promise<ChangedArchives> {
  const l0 = await localLayout(deps.history, key, month, keys);
  const touched = [...new Set(keys.map((sk) => pageIndexOf(l0.pages, sk)))];
  deps.prime(touched.flatMap((i) => filesOf(key, l0.pages[i]!)));
  // A month's first page links to the month before: asked now, beside the page read, not after it.
  if (touched.includes(0)) near.before(month).catch(() => undefined);
  const read = await Promise.all(touched.map((i) => deps.history.inFeedPage(key, l0.pages[i]!)));
  const splits = read.map((items) => splitPoints(items.map(entrySortKey).reverse()));
  const added = splits.flat();
  if (added.length) await deps.history.addPageBoundaries(key, added);
  const l: Local = added.length ? { ...l0, boundaries: [...l0.boundaries, ...added], pages: pagesOf(month, [...l0.boundaries, ...added]) } : l0;
  const starts = new Set(touched.map((i) => l0.pages[i]!.start));
  const renderAt = l.pages.flatMap((p, i) => (starts.has(p.start) || added.includes(p.start!) ? [i] : []));
  const groups = groupByPage(l.pages, read.flat());
  // Every page of the month (one page is all there is when a single key's neighbours show no other): no edge of it is owed.
  if (renderAt.length === l.pages.length && (keys.length !== 1 || l0.pages.length === 1)) run.whole.add(month);
  for (const i of renderAt) {
    run.rendered.add(pagePath(l.pages[i]!));
    defer(deps.work, render(deps, near, key, l, i, groups[i]!, log));
  }
  // A split page's upper half is new: the page after it (or the next month's first) must link back to it.
  for (const i of touched.filter((_, n) => splits[n]!.length > 0)) {
    const end = l0.pages[i]!.end;
    const j = l.pages.findIndex((p) => p.start === end);
    if (end !== undefined && !renderAt.includes(j)) {
      run.rendered.add(pagePath(l.pages[j]!));
      defer(deps.work, deps.history.inFeedPage(key, l.pages[j]!).then((items) => render(deps, near, key, l, j, items, log)));
    } else if (end === undefined) owe(run, near.after(month), 'first');
  }
  // A month that holds nothing but the changed keys (or nothing) may have just appeared in or
  // left the chain: with several keys (a stream batch, an import's step) it may hold several.
  const changed = new Set(keys);
  if (touched.length === l0.pages.length && read.flat().every((a) => changed.has(entrySortKey(a)))) {
    owe(run, near.before(month), 'last');
    owe(run, near.after(month), 'first');
  }
  return { added, newest: l0.newest };
}

/**
 * RFC 5005 archives of one feed after a change: the pages holding its sort
 * keys, months in order so a split seen by one is read by the next. Each
 * month costs one pair of two-item boundary Queries (all of its boundaries
 * when several keys changed in it) and one page read; the months around it
 * come from the feed's newest items when they reach that far.
 */
export async function publishChangedArchives(deps: ChangeDeps, key: FeedKey, keys: Set<string>, log: WriteLog): Promise<ChangedArchives> {
  const near = monthsNear(deps.history, key, deps.latest, deps.limit);
  const byMonth = new Map<string, string[]>();
  for (const sk of keys) byMonth.set(monthOfKey(sk), [...(byMonth.get(monthOfKey(sk)) ?? []), sk]);
  const out: ChangedArchives = { added: [] };
  const run: Run = { rendered: new Set(), whole: new Set(), edges: [] };
  for (const month of [...byMonth.keys()].sort()) {
    const one = await publishKeys(deps, near, key, month, byMonth.get(month)!, run, log);
    out.added.push(...one.added);
    out.newest ??= one.newest;
  }
  // Every changed month's boundaries are stored: each owed edge where this run did not render its page (publishEdge checks).
  for (const { month, edge } of run.edges) defer(deps.work, month.then((m) => (m && !run.whole.has(m) ? publishEdge(deps, near, key, m, edge, run, log) : undefined)));
  return out;
}
