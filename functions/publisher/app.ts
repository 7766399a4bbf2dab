import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { toAnnouncement } from '../../shared/adapters/dynamo-announcement-store';
import { ANNOUNCEMENT, REBUILD_REQUEST } from '../../shared/adapters/table-keys';
import type { HeraldLogger } from '../../shared/logger';
import { noMetrics, type HeraldMetrics } from '../../shared/metrics';
import type { RebuildStore } from '../../shared/ports/rebuild-store';
import type { Change, PublisherService, PublishReport } from '../../shared/services/publisher-service';


type Image = Record<string, AttributeValue> | undefined;

/** A stream record's images as a Change, or undefined for records that are not announcements. */
export function changeOf(record: DynamoDBRecord): Change | undefined {
  const image = (i: unknown) => (i ? unmarshall(i as Record<string, AttributeValue>) : undefined);
  const before = image(record.dynamodb?.OldImage as Image);
  const after = image(record.dynamodb?.NewImage as Image);
  if ((before ?? after)?.type !== ANNOUNCEMENT) return undefined;
  return { before: before && toAnnouncement(before), after: after && toAnnouncement(after) };
}

/** The id of a newly recorded rebuild request, or undefined for any other record. */
export function rebuildRequestOf(record: DynamoDBRecord): string | undefined {
  if (record.eventName !== 'INSERT') return undefined;
  const image = record.dynamodb?.NewImage as Image;
  return image?.type?.S === REBUILD_REQUEST ? image.id?.S : undefined;
}

/**
 * The stream consumer. The whole batch is one publish (feeds re-read current
 * state, so merging records is safe); on failure every record is reported so
 * the event source retries, bisects, and finally sends it to the DLQ.
 */
export function makePublisherApp(deps: {
  publisher: PublisherService;
  rebuilds: Pick<RebuildStore, 'complete'>;
  clock: () => Date;
  logger: HeraldLogger;
  metrics?: HeraldMetrics;
}) {
  const metrics = deps.metrics ?? noMetrics;
  return async function handle(event: DynamoDBStreamEvent): Promise<DynamoDBBatchResponse & { report?: PublishReport }> {
    const changes = event.Records.map(changeOf).filter((c): c is Change => c !== undefined);
    const rebuilds = event.Records.map(rebuildRequestOf).filter((id): id is string => id !== undefined);
    if (changes.length === 0 && rebuilds.length === 0) return { batchItemFailures: [] };
    try {
      let report: PublishReport | undefined;
      if (changes.length) {
        report = await deps.publisher.publishChanges(changes);
        metrics.count('AnnouncementsPublished', changes.filter((c) => c.after?.status === 'published').length);
        deps.logger.info('published', {
          records: event.Records.length,
          announcements: changes.map((c) => (c.after ?? c.before)?.id),
          written: report.written,
          unchanged: report.unchanged.length,
          deleted: report.deleted,
          hubPings: report.pinged.length,
        });
      }
      if (rebuilds.length) {
        // One full rebuild answers every request in the batch.
        report = await deps.publisher.rebuildAll();
        const at = deps.clock().toISOString();
        await Promise.all(rebuilds.map((id) => deps.rebuilds.complete(id, report!, at)));
        deps.logger.info('rebuilt', { requests: rebuilds, written: report.written, unchanged: report.unchanged.length });
      }
      if (report) {
        metrics.count('FeedsWritten', report.written.length);
        metrics.count('WritesSkippedUnchanged', report.unchanged.length);
      }
      return { batchItemFailures: [], ...(report ? { report } : {}) };
    } catch (err) {
      deps.logger.error('publish failed', { error: err instanceof Error ? err.message : String(err) });
      const first = event.Records[0]?.dynamodb?.SequenceNumber;
      return { batchItemFailures: first ? [{ itemIdentifier: first }] : [] };
    } finally {
      metrics.flush();
    }
  };
}
