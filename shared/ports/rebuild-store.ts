import type { PublishReport, RebuildProgressNote } from '../services/publish-run';

export type { RebuildProgressNote } from '../services/publish-run';

/** A request to re-render every feed, and, once the publisher has run it, what changed. */
export type RebuildRequest = {
  id: string;
  requestedBy: string;
  requestedAt: string;
  status: 'pending' | 'done';
  finishedAt?: string;
  /** What the rebuild did; each list may be cut short (see `totals`). */
  report?: PublishReport;
  /**
   * False when the publisher ran out of time before the last page of feeds:
   * the nightly rebuild continues from where it stopped.
   */
  finished?: boolean;
  /** How many feeds and files each list of the report had in full. */
  totals?: { [K in keyof PublishReport]: number };
  /** While it runs: feeds rendered so far of `total`, and files written or found unchanged. */
  progress?: RebuildProgressNote;
};

/**
 * Rebuild requests. The admin API records one; its stream record wakes the
 * publisher (the one function with bucket access), which runs the rebuild and
 * records the report on it: in full for small sites, its first keys and
 * every count at thousands of feeds (one item holds at most 400 KB).
 */
export interface RebuildStore {
  request(r: RebuildRequest): Promise<void>;
  get(id: string): Promise<RebuildRequest | undefined>;
  complete(id: string, report: PublishReport, at: string, finished: boolean): Promise<void>;
  /** Notes how far a pending rebuild is (after each page of feeds). */
  progress(id: string, note: RebuildProgressNote): Promise<void>;
}
