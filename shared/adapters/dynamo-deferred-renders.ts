import { BatchWriteCommand, QueryCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { FeedKey } from '../domain/feeds';
import type { DeferredBatch, DeferredRenders, TouchedPlaces } from '../ports/deferred-renders';
import { queryAll } from './dynamo-query-all';
import { untilProcessed } from './dynamo-unprocessed';

/** In the publisher's own META partition space, which its grants already name. */
const PARTITION = 'META#deferred';
const DEFERRED = 'deferred-render';
/** Editors' changes' places, by time (sk `{at}#{id}`), each expiring a day after it was written. */
const TOUCHED = 'META#touched';
const TOUCH = 'deferred-touch';
const TOUCH_TTL_S = 24 * 3600;
const WRITE_BATCH = 25;

/**
 * DeferredRenders on DynamoDB: one partition, one item per stream batch of
 * imports (sk the batch id), its work as JSON. A batch of 100 records is
 * one UpdateItem however many feeds it touches; the step reads them with one
 * consistent Query and deletes them with BatchWriteItem.
 */
export class DynamoDeferredRenders implements DeferredRenders {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly table: string,
  ) {}

  /** UpdateItem, not PutItem: the publisher's grants write META# items by update and batch only. */
  async mark(batch: DeferredBatch): Promise<void> {
    await this.doc.send(
      new UpdateCommand({
        TableName: this.table,
        Key: { pk: PARTITION, sk: `B#${batch.id}` },
        UpdateExpression: 'SET #type = :t, #work = :w',
        ExpressionAttributeNames: { '#type': 'type', '#work': 'work' },
        ExpressionAttributeValues: { ':t': DEFERRED, ':w': JSON.stringify(batch.work) },
      }),
    );
  }

  async pending(limit: number): Promise<{ batches: DeferredBatch[]; more: boolean }> {
    const out = await this.doc.send(
      new QueryCommand({ TableName: this.table, KeyConditionExpression: 'pk = :p', ExpressionAttributeValues: { ':p': PARTITION }, Limit: limit, ConsistentRead: true }),
    );
    const batches = (out.Items ?? []).map((item) => ({ id: String(item.sk).slice(2), work: JSON.parse(String(item.work)) as DeferredBatch['work'] }));
    return { batches, more: out.LastEvaluatedKey !== undefined };
  }

  async done(ids: string[]): Promise<void> {
    for (let i = 0; i < ids.length; i += WRITE_BATCH) {
      const deletes: object[] = ids.slice(i, i + WRITE_BATCH).map((id) => ({ DeleteRequest: { Key: { pk: PARTITION, sk: `B#${id}` } } }));
      await untilProcessed('deferred-render deletes', deletes, async (left) => {
        const out = await this.doc.send(new BatchWriteCommand({ RequestItems: { [this.table]: left as never } }));
        return out.UnprocessedItems?.[this.table] ?? [];
      });
    }
  }

  async touch(note: TouchedPlaces): Promise<void> {
    await this.doc.send(
      new UpdateCommand({
        TableName: this.table,
        Key: { pk: TOUCHED, sk: `${note.at}#${note.id}` },
        UpdateExpression: 'SET #type = :t, #feeds = :f, expiresAt = :e',
        ExpressionAttributeNames: { '#type': 'type', '#feeds': 'feeds' },
        ExpressionAttributeValues: { ':t': TOUCH, ':f': JSON.stringify(note.feeds), ':e': Math.floor(Date.parse(note.at) / 1000) + TOUCH_TTL_S },
      }),
    );
  }

  async touchedSince(since: string): Promise<TouchedPlaces[]> {
    const items = await queryAll(this.doc, {
      TableName: this.table,
      KeyConditionExpression: 'pk = :p AND sk >= :s',
      ExpressionAttributeValues: { ':p': TOUCHED, ':s': since },
      ConsistentRead: true,
    });
    return items.map((item) => {
      const sk = String(item.sk);
      const cut = sk.lastIndexOf('#');
      return { at: sk.slice(0, cut), id: sk.slice(cut + 1), feeds: JSON.parse(String(item.feeds)) as TouchedPlaces['feeds'] };
    });
  }

  async feeds(): Promise<FeedKey[]> {
    const items = await queryAll(this.doc, { TableName: this.table, KeyConditionExpression: 'pk = :p', ExpressionAttributeValues: { ':p': PARTITION }, ProjectionExpression: '#work', ExpressionAttributeNames: { '#work': 'work' }, ConsistentRead: true });
    const feeds = new Set(items.flatMap((item) => Object.keys((JSON.parse(String(item.work)) as DeferredBatch['work']).feeds) as FeedKey[]));
    return [...feeds].sort();
  }
}
