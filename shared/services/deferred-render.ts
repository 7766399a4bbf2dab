import { createHash } from 'node:crypto';
import type { Announcement } from '../domain/announcement';
import { entrySortKey, monthOfKey } from '../domain/archive-pages';
import { isPublic, type FeedKey } from '../domain/feeds';
import type { DeferredRenders, DeferredWork, TouchedPlaces } from '../ports/deferred-renders';
import type { FeedIndex } from '../ports/feed-index';
import { pageKeyOf } from '../render/page';
import { projectEntries } from './publish-entries';
import { emptyReport, mergeReports, planOf, type Change, type Plan, type PublishReport } from './publish-run';
import type { PublisherService } from './publisher-service';

/**
 * Recorded batches one step renders together: at 100 records a batch, up to
 * 1,000 versions, so a step stays well inside the function's 120 s with its
 * 30 s margin (measured locally, an imported item cost 20 to 60 ms to render alone).
 */
export const STEP_BATCHES = 10;

/** Re-renders of a step's current documents while editors' changes keep landing under it; the next publish or the nightly rebuild covers the rest. */
export const STEP_RECHECKS = 3;

const idOf = (c: Change) => (c.after ?? c.before)?.id;

/** How far before its start a step looks for editors' notes: covers clocks apart between instances. */
export const TOUCH_MARGIN_MS = 60_000;

/** A new item dated within this of now lands on its feeds' newest pages, which a step's checked pass covers. */
const RECENT_MS = 24 * 3600_000;

/**
 * The places of an editor's changes that a step's checked pass would not
 * cover: everything an edit, a retraction or a removal touches, and a new
 * item dated more than a day back (it may land on an older page).
 */
export function placesToNote(changes: Change[], now: Date): TouchedPlaces['feeds'] {
  return placesOf(changes.filter((c) => c.before || (c.after?.publishedAt !== undefined && Date.parse(c.after.publishedAt) < now.getTime() - RECENT_MS)));
}

/** Per feed, the sorted places (archive sort keys) of these changes' versions, as the table keeps them. */
const placesOf = (changes: Change[]): Record<FeedKey, string[]> => Object.fromEntries([...planOf(changes)].map(([k, v]) => [k, [...v].sort()])) as Record<FeedKey, string[]>;

/** Adds places to a feed's set in `plan` (a feed planned 'all' stays so). */
function addPlaces(plan: Plan, key: FeedKey, places: Iterable<string>): void {
  const known = plan.get(key);
  if (known === 'all') return;
  const into = known ?? new Set<string>();
  for (const p of places) into.add(p);
  plan.set(key, into);
}

/** Of editors' notes, the places in feeds and months a step rendered: it renders them again. */
export function notedInPlan(plan: Plan, notes: TouchedPlaces[]): Plan {
  const again: Plan = new Map();
  for (const note of notes) {
    for (const [key, places] of Object.entries(note.feeds) as [FeedKey, string[]][]) {
      const rendered = plan.get(key);
      if (!rendered) continue;
      const months = rendered === 'all' ? undefined : new Set([...rendered].map(monthOfKey));
      const hit = places.filter((p) => !months || months.has(monthOfKey(p)));
      if (hit.length) addPlaces(again, key, hit);
    }
  }
  return again;
}

/**
 * Splits a stream batch: announcements with any version an editor wrote (or
 * a removal) are published now; those whose every version here was written
 * by an import are deferred.
 */
export function splitImports(changes: Change[]): { now: Change[]; later: Change[] } {
  const edited = new Set(changes.filter((c) => c.after?.imported !== true).map(idOf));
  return { now: changes.filter((c) => edited.has(idOf(c))), later: changes.filter((c) => !edited.has(idOf(c))) };
}

/** What the deferred changes leave to render: the same places publishChanges would plan, their pages, their old pages. */
export function workOf(changes: Change[]): DeferredWork {
  const gone = changes.flatMap((c) => (c.before && isPublic(c.before) && (!c.after || !isPublic(c.after) || pageKeyOf(c.after) !== pageKeyOf(c.before)) ? [pageKeyOf(c.before)] : []));
  return { feeds: placesOf(changes), ids: [...new Set(changes.map(idOf).filter((id): id is string => !!id))], gone: [...new Set(gone)] };
}

/** A batch's record id: the same versions give the same id, so a retried batch rewrites its record. */
export const batchIdOf = (changes: Change[]) =>
  createHash('sha256').update(JSON.stringify(changes.map((c) => [idOf(c), c.before?.version ?? 0, c.after?.version ?? 0]))).digest('hex').slice(0, 32);

/** Several batches' work as one plan: each feed and place once, each page once. */
export function mergeWork(works: DeferredWork[]): { plan: Plan; ids: string[]; gone: string[] } {
  const plan: Plan = new Map();
  for (const w of works) {
    for (const [key, places] of Object.entries(w.feeds)) addPlaces(plan, key as FeedKey, places);
  }
  return { plan, ids: [...new Set(works.flatMap((w) => w.ids))], gone: [...new Set(works.flatMap((w) => w.gone))] };
}

/**
 * What a checked pass renders of a feed: its current documents, and the
 * archive page of its newest item when the step rendered pages of that month
 * (an editor's new item lands on that page, and the step's older read of it
 * may have been written over the editor's).
 */
export function recheckPlaces(places: Set<string> | 'all' | undefined, newest: string | undefined): Set<string> {
  if (!newest || !places) return new Set();
  const month = monthOfKey(newest);
  return places === 'all' || [...places].some((p) => monthOfKey(p) === month) ? new Set([newest]) : new Set();
}

/**
 * Imported versions projected at once, rendered later. The stream batch
 * projects their feed entries (so every read sees them), records what to
 * render in the table, then signals the step; only then is the batch done,
 * so a crash before the record is a retried batch and a crash after it a
 * record the next step renders. The step renders all recorded batches
 * together (each feed and archive place once), then forgets them.
 */
export function makeDeferredRender(deps: {
  publisher: Pick<PublisherService, 'publishChanges' | 'publishQuietly'>;
  index: Pick<FeedIndex, 'get' | 'getMany' | 'project' | 'projectIfCurrent' | 'latestInFeed'>;
  /** Items in a feed's current documents (the publisher's page size). */
  window: number;
  renders: Pick<DeferredRenders, 'mark' | 'pending' | 'done' | 'touch' | 'touchedSince'>;
  /** Asks for a step to run (a queue message); several asks may be served by one step. */
  signal: () => Promise<void>;
  clock?: () => Date;
}) {
  const clock = deps.clock ?? (() => new Date());
  /** An editor's publish: its places noted (beside the projection, before any read) when a step could miss them. */
  const publishNow = (now: Change[]) => {
    const at = clock();
    const feeds = placesToNote(now, at);
    if (Object.keys(feeds).length === 0) return deps.publisher.publishChanges(now);
    return deps.publisher.publishChanges(now, deps.renders.touch({ id: batchIdOf(now), at: at.toISOString(), feeds }));
  };
  return {
    /**
     * A stream batch: editors' changes published, imports' projected and
     * recorded. `position` (the batch's first sequence number) orders the
     * records, so steps render an import in stream order, oldest first.
     */
    async publish(changes: Change[], position = ''): Promise<PublishReport & { deferred: number }> {
      const { now, later } = splitImports(changes);
      if (later.length === 0) return { ...(await publishNow(changes)), deferred: 0 };
      const defer = async () => {
        await projectEntries(deps.index, later);
        await deps.renders.mark({ id: `${position.padStart(40, '0')}-${batchIdOf(later)}`, work: workOf(later) });
        await deps.signal();
      };
      const [report] = await Promise.all([now.length ? publishNow(now) : emptyReport(), defer()]);
      return { ...report, deferred: later.length };
    },

    /**
     * One step: up to STEP_BATCHES recorded batches rendered as one publish,
     * then their current documents once more, checked: an editor's change
     * published while this step rendered may have been overwritten by the
     * step's older read, so the newest items of each feed (ids and versions)
     * are read before that pass and after it, and a feed whose items moved
     * in between is rendered again, with its newest archive page when the
     * step rendered pages of that month (recheckPlaces). An editor's publish
     * that starts after the later read writes after the step. An editor's
     * change to an older page (a retraction in an imported month) notes its
     * places before it reads (placesToNote); the step reads the notes written
     * since it started, after its own writes, and renders again the noted
     * places of the feeds and months it rendered: a change whose write the
     * step may have covered noted itself before the step's write, so before
     * that read.
     */
    async step(): Promise<{ report: PublishReport; batches: number; more: boolean }> {
      const since = new Date(clock().getTime() - TOUCH_MARGIN_MS).toISOString();
      const { batches, more } = await deps.renders.pending(STEP_BATCHES);
      if (batches.length === 0) return { report: emptyReport(), batches: 0, more: false };
      const { plan, ids, gone } = mergeWork(batches.map((b) => b.work));
      const read = deps.index.getMany ? await deps.index.getMany(ids) : await Promise.all(ids.map((id) => deps.index.get(id)));
      const current = read.filter((a): a is Announcement => a !== undefined);
      const reports = [await deps.publisher.publishQuietly(plan, current, gone)];
      let feeds = [...plan.keys()];
      let seen = await newestOf(feeds);
      for (let round = 0; feeds.length && round <= STEP_RECHECKS; round++) {
        reports.push(await deps.publisher.publishQuietly(new Map(feeds.map((k) => [k, recheckPlaces(plan.get(k), seen.get(k)?.newest)])), [], []));
        const now = await newestOf(feeds);
        feeds = feeds.filter((k) => now.get(k)?.shown !== seen.get(k)?.shown);
        seen = now;
      }
      // Editors' changes to older pages meanwhile: each noted its places before reading, so one
      // whose write this step's older read may have covered is found here, and rendered again.
      const handled = new Set<string>();
      for (let round = 0; round <= STEP_RECHECKS; round++) {
        const fresh = (await deps.renders.touchedSince(since)).filter((n) => !handled.has(`${n.at}#${n.id}`));
        for (const n of fresh) handled.add(`${n.at}#${n.id}`);
        const again = notedInPlan(plan, fresh);
        if (again.size === 0) break;
        reports.push(await deps.publisher.publishQuietly(again, [], []));
      }
      await deps.renders.done(batches.map((b) => b.id));
      return { report: mergeReports(reports), batches: batches.length, more };
    },
  };

  /** Each feed's current items as ids and versions (what its current documents show), and its newest item's sort key. */
  async function newestOf(feeds: FeedKey[]): Promise<Map<FeedKey, { shown: string; newest?: string }>> {
    const items = await Promise.all(feeds.map((k) => deps.index.latestInFeed(k, deps.window)));
    return new Map(feeds.map((k, i) => [k, { shown: items[i]!.map((a) => `${a.id}@${a.version}`).join(' '), newest: items[i]![0] && entrySortKey(items[i]![0]) }]));
  }
}
export type DeferredRender = ReturnType<typeof makeDeferredRender>;
