import type { Announcement } from '../domain/announcement';
import { entrySortKey } from '../domain/archive-pages';
import { feedsOf, type FeedKey } from '../domain/feeds';
import type { FeedHistory } from '../ports/feed-history';
import type { FeedIndex } from '../ports/feed-index';
import type { FileHashes } from '../ports/file-hashes';
import type { FeedRegistry } from '../ports/feed-registry';
import type { HubAnswer, HubNotifier } from '../ports/hub-notifier';
import type { ObjectStore } from '../ports/object-store';
import type { SiteInfo } from '../render/feed-context';
import type { PutIfChanged } from './skip-unchanged';

/** One change as the stream reports it: the item before and after. */
export type Change = { before?: Announcement; after?: Announcement };

/** What a publish did, for logs, metrics and the rebuild report. */
export type PublishReport = { feeds: FeedKey[]; written: string[]; unchanged: string[]; deleted: string[]; pinged: string[]; hubAnswers?: HubAnswer[] };

/** How far a running rebuild is, for `herald rebuild`'s progress bar. */
export type RebuildProgressNote = { feeds: number; total: number; written: number; unchanged: number };

/** For each feed to publish, the sort keys (shared/domain/archive-pages.ts) whose archive pages to re-render ('all' on a rebuild). */
export type Plan = Map<FeedKey, Set<string> | 'all'>;

/** Where changed items were and are now: each feed each version is in, at its place (archive page sort key). */
export function planOf(changes: Change[]): Map<FeedKey, Set<string>> {
  const plan = new Map<FeedKey, Set<string>>();
  for (const c of changes) {
    for (const a of [c.before, c.after]) for (const key of feedsOf(a)) plan.set(key, (plan.get(key) ?? new Set()).add(entrySortKey(a!)));
  }
  return plan;
}

/** Everything the publisher is built from; every part is required, as production passes them all. */
export type PublisherDeps = {
  index: FeedIndex;
  registry: FeedRegistry;
  objects: ObjectStore;
  /** What was last written to each bucket key, so unchanged files are skipped without asking the bucket. */
  hashes: FileHashes;
  site: SiteInfo;
  pageSize: number;
  notifyHubs: HubNotifier;
};

/**
 * One publish run as the steps share it: the report they add to, the
 * skip-unchanged writer, and reads that fetch each feed's newest items once
 * and hand out every announcement with its stored HTML sanitised again.
 */
export type Run = {
  report: PublishReport;
  put: PutIfChanged;
  /** Deletes an object and its hash record. */
  remove(key: string): Promise<void>;
  latest(key: FeedKey): Promise<Announcement[]>;
  /** How many items latest() reads: the feed's current documents. */
  limit: number;
  /** Asks now, in one batch, for the hash records of files the run is about to render; put() uses them. */
  prime(keys: string[]): void;
  get(id: string): Promise<Announcement | undefined>;
  history: FeedHistory;
  /** On a rebuild (a verifying writer), the months the bucket holds a feed prefix's archive files for. */
  archived?: (prefix: string) => ReadonlySet<string>;
};

/** A report of nothing done yet, which the steps fill in. */
export const emptyReport = (): PublishReport => ({ feeds: [], written: [], unchanged: [], deleted: [], pinged: [] });

/**
 * Starts a run whose reads go through `clean` (the re-sanitiser). Reads of
 * feed entries wait for `ready` (the projection of the batch's changes);
 * reads of boundaries, announcements and hash records do not, so they
 * overlap it. Hash records asked for ahead (prime) belong to this run only.
 */
export function startRun(
  deps: Pick<PublisherDeps, 'index' | 'pageSize'>,
  writer: { put: PutIfChanged; remove: (key: string) => Promise<void>; lookup: (key: string) => Promise<string | undefined> },
  clean: (a: Announcement) => Announcement,
  ready: Promise<void> = Promise.resolve(),
): Run {
  const latest = new Map<FeedKey, Promise<Announcement[]>>();
  const primed = new Map<string, Promise<string | undefined>>();
  const entries = <T>(read: () => Promise<T>) => ready.then(read);
  return {
    report: emptyReport(),
    put(file, log) {
      const known = primed.get(file.key);
      primed.delete(file.key);
      return writer.put(file, log, known);
    },
    prime(keys) {
      for (const key of keys) {
        if (primed.has(key)) continue;
        const recorded = writer.lookup(key);
        recorded.catch(() => undefined); // a failed read fails the put that uses it; an unused one is dropped
        primed.set(key, recorded);
      }
    },
    limit: deps.pageSize,
    remove: writer.remove,
    archived: writer.put.archived,
    latest(key) {
      let found = latest.get(key);
      if (!found) latest.set(key, (found = entries(() => deps.index.latestInFeed(key, deps.pageSize)).then((items) => items.map(clean))));
      return found;
    },
    async get(id) {
      const found = await deps.index.get(id);
      return found && clean(found);
    },
    history: {
      inFeedMonth: async (feed, month) => (await entries(() => deps.index.inFeedMonth(feed, month))).map(clean),
      adjacentMonth: (feed, month, direction) => entries(() => deps.index.adjacentMonth(feed, month, direction)),
      inFeedPage: async (feed, page) => (await entries(() => deps.index.inFeedPage(feed, page))).map(clean),
      pageBoundaries: (feed, month) => deps.index.pageBoundaries(feed, month),
      lastPageBoundary: (feed, below) => deps.index.lastPageBoundary(feed, below),
      boundariesAround: (feed, sk) => deps.index.boundariesAround(feed, sk),
      addPageBoundaries: (feed, boundaries) => deps.index.addPageBoundaries(feed, boundaries),
    },
  };
}

/** Several reports as one (a batch with changes and a rebuild, or a rebuild's pages). */
export function mergeReports(reports: PublishReport[]): PublishReport {
  const all = (pick: (r: PublishReport) => string[]) => [...new Set(reports.flatMap(pick))].sort();
  return {
    feeds: all((r) => r.feeds),
    written: all((r) => r.written),
    unchanged: all((r) => r.unchanged),
    deleted: all((r) => r.deleted),
    pinged: all((r) => r.pinged),
    ...(reports.some((r) => r.hubAnswers) ? { hubAnswers: reports.flatMap((r) => r.hubAnswers ?? []) } : {}),
  };
}
