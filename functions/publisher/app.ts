import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { toAnnouncement } from '../../shared/adapters/dynamo-announcement-store';
import { ANNOUNCEMENT } from '../../shared/adapters/table-keys';
import type { HeraldLogger } from '../../shared/logger';
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

/**
 * The stream consumer. The whole batch is one publish (feeds re-read current
 * state, so merging records is safe); on failure every record is reported so
 * the event source retries, bisects, and finally sends it to the DLQ.
 */
export function makePublisherApp(deps: { publisher: PublisherService; logger: HeraldLogger }) {
  return async function handle(event: DynamoDBStreamEvent): Promise<DynamoDBBatchResponse & { report?: PublishReport }> {
    const changes = event.Records.map(changeOf).filter((c): c is Change => c !== undefined);
    if (changes.length === 0) return { batchItemFailures: [] };
    try {
      const report = await deps.publisher.publishChanges(changes);
      deps.logger.info('published', {
        records: event.Records.length,
        announcements: changes.map((c) => (c.after ?? c.before)?.id),
        written: report.written,
        unchanged: report.unchanged.length,
        deleted: report.deleted,
        hubPings: report.pinged.length,
      });
      return { batchItemFailures: [], report };
    } catch (err) {
      deps.logger.error('publish failed', { error: err instanceof Error ? err.message : String(err) });
      const first = event.Records[0]?.dynamodb?.SequenceNumber;
      return { batchItemFailures: first ? [{ itemIdentifier: first }] : [] };
    }
  };
}
