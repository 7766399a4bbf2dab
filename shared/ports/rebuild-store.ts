import type { PublishReport } from '../services/publisher-service';

/** A request to re-render every feed, and, once the publisher has run it, what changed. */
export type RebuildRequest = {
  id: string;
  requestedBy: string;
  requestedAt: string;
  status: 'pending' | 'done';
  finishedAt?: string;
  report?: PublishReport;
};

/**
 * Rebuild requests. The admin API records one; its stream record wakes the
 * publisher (the one function with bucket access), which runs the rebuild and
 * records the report on it.
 */
export interface RebuildStore {
  request(r: RebuildRequest): Promise<void>;
  get(id: string): Promise<RebuildRequest | undefined>;
  complete(id: string, report: PublishReport, at: string): Promise<void>;
}
