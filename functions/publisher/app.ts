import type { DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import { decodeStreamBatch } from '../../shared/adapters/dynamo-stream';
import type { HeraldLogger } from '../../shared/logger';
import { noMetrics, type HeraldMetrics } from '../../shared/metrics';
import type { RebuildProgress } from '../../shared/ports/rebuild-progress';
import type { RebuildProgressNote, RebuildStore } from '../../shared/ports/rebuild-store';
import { mergeReports } from '../../shared/services/publish-run';
import type { PublisherService, PublishReport } from '../../shared/services/publisher-service';
import { splitImports, type DeferredRender } from '../../shared/services/deferred-render';

/**
 * The stream consumer. The whole batch is one publish (feeds re-read current
 * state, so merging records is safe), then one rebuild if the batch holds
 * rebuild requests (stopped before the timeout when the registry is too
 * large, and finished by the nightly run); the metrics count what both wrote. On failure every
 * record is reported so the event source retries, bisects, and finally
 * sends it to the DLQ.
 */
export function makePublisherApp(deps: {
  publisher: PublisherService;
  /** `progress` notes how far a rebuild is; without it the rebuild runs unobserved. */
  rebuilds: Pick<RebuildStore, 'complete'> & Partial<Pick<RebuildStore, 'progress'>>;
  progress: RebuildProgress;
  clock: () => Date;
  logger: HeraldLogger;
  metrics?: HeraldMetrics;
  /** Hands the batch's changes to the fediverse delivery queue (Create, Update, Delete), after the feeds. */
  announce?: (changes: Parameters<PublisherService['publishChanges']>[0]) => Promise<void>;
  /** Keeps what the publish wrote per announcement version (the delivery record); a failure is logged, never retried. */
  record?: (changes: Parameters<PublisherService['publishChanges']>[0], report: PublishReport) => Promise<void>;
  /** Imported versions projected now and rendered by the deferred step; without it they are published at once. */
  deferred?: Pick<DeferredRender, 'publish'>;
}) {
  const metrics = deps.metrics ?? noMetrics;
  return async function handle(
    event: DynamoDBStreamEvent,
    remainingMs?: () => number,
  ): Promise<DynamoDBBatchResponse & { report?: PublishReport }> {
    const { changes, rebuilds } = decodeStreamBatch(event.Records);
    if (changes.length === 0 && rebuilds.length === 0) return { batchItemFailures: [] };
    try {
      const reports: PublishReport[] = [];
      if (changes.length) {
        const report = deps.deferred ? await deps.deferred.publish(changes, event.Records[0]?.dynamodb?.SequenceNumber) : await deps.publisher.publishChanges(changes);
        reports.push(report);
        // A deferred import's version has nothing written yet to record (and imports tell nobody).
        const published = deps.deferred ? splitImports(changes).now : changes;
        // The delivery record and the messages depend on each other in nothing: sent side by side.
        const recorded = published.length ? deps.record?.(published, report).catch((err: unknown) => deps.logger.warn('publish record not kept', { error: err instanceof Error ? err.message : String(err) })) : undefined;
        await Promise.all([recorded, deps.announce?.(changes)]);
        metrics.count('AnnouncementsPublished', changes.filter((c) => c.after?.status === 'published').length);
        deps.logger.info('published', {
          records: event.Records.length,
          announcements: changes.map((c) => (c.after ?? c.before)?.id),
          written: report.written,
          unchanged: report.unchanged.length,
          deleted: report.deleted,
          ...('deferred' in report ? { deferred: report.deferred } : {}),
          hubPings: report.pinged.length,
        });
      }
      if (rebuilds.length) {
        // One full rebuild answers every request in the batch. If time runs short it stops
        // between pages, and the nightly rebuild continues where it stopped.
        // Progress for `herald rebuild`: a lost note only leaves the bar behind.
        const onProgress = (note: RebuildProgressNote) =>
          Promise.all(rebuilds.map((id) => deps.rebuilds.progress?.(id, note))).then(
            () => undefined,
            (err: unknown) => deps.logger.warn('rebuild progress not noted', { error: err instanceof Error ? err.message : String(err) }),
          );
        const { report, cursor } = await deps.publisher.rebuildFrom({ remainingMs, onProgress });
        reports.push(report);
        if (cursor) await deps.progress.save(cursor);
        const at = deps.clock().toISOString();
        await Promise.all(rebuilds.map((id) => deps.rebuilds.complete(id, report, at, cursor === undefined)));
        deps.logger.info('rebuilt', { requests: rebuilds, written: report.written.slice(0, 100), writtenCount: report.written.length, unchanged: report.unchanged.length, finished: !cursor });
      }
      // A file both steps wrote was written twice: count writes, not distinct keys.
      metrics.count('FeedsWritten', reports.reduce((n, r) => n + r.written.length, 0));
      metrics.count('WritesSkippedUnchanged', reports.reduce((n, r) => n + r.unchanged.length, 0));
      return { batchItemFailures: [], report: reports.length === 1 ? reports[0]! : mergeReports(reports) };
    } catch (err) {
      deps.logger.error('publish failed', { error: err instanceof Error ? err.message : String(err) });
      const first = event.Records[0]?.dynamodb?.SequenceNumber;
      return { batchItemFailures: first ? [{ itemIdentifier: first }] : [] };
    } finally {
      metrics.flush();
    }
  };
}
