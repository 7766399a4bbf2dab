import { GetCommand, PutCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { RebuildProgressNote, RebuildRequest, RebuildStore } from '../ports/rebuild-store';
import type { PublishReport } from '../services/publisher-service';
import { REBUILD_REQUEST, rebuildKey } from './table-keys';

/** Rebuild requests are kept a week (TTL on expiresAt), long enough to read their reports. */
const KEEP_SECONDS = 7 * 24 * 60 * 60;

/**
 * Keys kept per list of a stored report. A rebuild at 10,000 feeds checks
 * some 80,000 files, megabytes of keys; the rest are only counted.
 */
const LISTED = 300;

/** The report as stored: every list cut to LISTED keys, and the full counts. */
function bounded(report: PublishReport) {
  const fields = ['feeds', 'written', 'unchanged', 'deleted', 'pinged'] as const;
  return {
    report: Object.fromEntries(fields.map((f) => [f, report[f].slice(0, LISTED)])) as unknown as PublishReport,
    totals: Object.fromEntries(fields.map((f) => [f, report[f].length])) as NonNullable<RebuildRequest['totals']>,
  };
}

/** RebuildStore on DynamoDB: one item per request, in the table whose stream the publisher reads. */
export class DynamoRebuildStore implements RebuildStore {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly table: string,
  ) {}

  async request(r: RebuildRequest): Promise<void> {
    const expiresAt = Math.floor(Date.parse(r.requestedAt) / 1000) + KEEP_SECONDS;
    await this.doc.send(
      new PutCommand({
        TableName: this.table,
        Item: { ...rebuildKey(r.id), type: REBUILD_REQUEST, ...r, expiresAt },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
  }

  async get(id: string): Promise<RebuildRequest | undefined> {
    const out = await this.doc.send(new GetCommand({ TableName: this.table, Key: rebuildKey(id), ConsistentRead: true }));
    if (!out.Item) return undefined;
    const { pk: _pk, sk: _sk, type: _t, expiresAt: _e, ...request } = out.Item;
    return request as RebuildRequest;
  }

  async complete(id: string, report: PublishReport, at: string, finished: boolean): Promise<void> {
    const stored = bounded(report);
    await this.doc.send(
      new UpdateCommand({
        TableName: this.table,
        Key: rebuildKey(id),
        UpdateExpression: 'SET #status = :done, finishedAt = :at, report = :report, totals = :totals, finished = :finished',
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':done': 'done', ':at': at, ':report': stored.report, ':totals': stored.totals, ':finished': finished },
      }),
    );
  }

  async progress(id: string, note: RebuildProgressNote): Promise<void> {
    await this.doc.send(
      new UpdateCommand({
        TableName: this.table,
        Key: rebuildKey(id),
        UpdateExpression: 'SET progress = :note',
        // Never over a finished request's report.
        ConditionExpression: 'attribute_exists(pk) AND #status = :pending',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':note': note, ':pending': 'pending' },
      }),
    );
  }
}
