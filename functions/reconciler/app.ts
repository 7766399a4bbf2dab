import type { HeraldLogger } from '../../shared/logger';
import type { HeraldMetrics } from '../../shared/metrics';
import type { RebuildProgress } from '../../shared/ports/rebuild-progress';
import type { PublisherService, PublishReport } from '../../shared/services/publisher-service';

/** Drifted keys named in the log line; the rest are counted. */
const LOGGED_KEYS = 100;

/**
 * The nightly reconciliation: re-render every feed from current state. The
 * publisher writes only bytes that differ from the bucket's, so every file it
 * writes here is drift (a lost or failed publish, a hand edit) and is counted
 * as the FeedDrift metric; zero is the healthy answer. When the function's
 * time runs short it stops between pages of feeds and records where it
 * stopped; the next run continues there, so no registry is too large.
 */
export function makeReconcilerApp(deps: { publisher: PublisherService; progress: RebuildProgress; metrics: HeraldMetrics; logger: HeraldLogger }) {
  return async function reconcile(remainingMs: () => number = () => Number.POSITIVE_INFINITY): Promise<PublishReport> {
    try {
      const from = await deps.progress.load();
      const { report, cursor } = await deps.publisher.rebuildFrom({ cursor: from, remainingMs, rederive: true }).catch(async (err: unknown) => {
        // A run that fails after resuming starts over next time: a bad cursor must not wedge every night.
        if (from !== undefined) await deps.progress.save(undefined);
        throw err;
      });
      await deps.progress.save(cursor);
      deps.metrics.count('FeedDrift', report.written.length);
      // The first keys only: a night after a renderer change rewrites every file, too many for one log event.
      const facts = {
        feeds: report.feeds.length,
        drifted: report.written.slice(0, LOGGED_KEYS),
        driftedCount: report.written.length,
        unchanged: report.unchanged.length,
        resumed: from !== undefined,
        finished: cursor === undefined,
      };
      if (report.written.length) deps.logger.warn('reconciled feeds: drift repaired', facts);
      else deps.logger.info('reconciled feeds: no drift', facts);
      return report;
    } finally {
      deps.metrics.flush();
    }
  };
}
