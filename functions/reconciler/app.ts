import type { HeraldLogger } from '../../shared/logger';
import type { HeraldMetrics } from '../../shared/metrics';
import type { PublisherService, PublishReport } from '../../shared/services/publisher-service';

/**
 * The nightly reconciliation: re-render every feed from current state. The
 * publisher writes only bytes that differ from the bucket's, so every file it
 * writes here is drift (a lost or failed publish, a hand edit) and is counted
 * as the FeedDrift metric; zero is the healthy answer.
 */
export function makeReconcilerApp(deps: { publisher: PublisherService; metrics: HeraldMetrics; logger: HeraldLogger }) {
  return async function reconcile(): Promise<PublishReport> {
    try {
      const report = await deps.publisher.rebuildAll();
      deps.metrics.count('FeedDrift', report.written.length);
      const facts = { feeds: report.feeds.length, drifted: report.written, unchanged: report.unchanged.length };
      if (report.written.length) deps.logger.warn('reconciled feeds: drift repaired', facts);
      else deps.logger.info('reconciled feeds: no drift', facts);
      return report;
    } finally {
      deps.metrics.flush();
    }
  };
}
