import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Announcement } from '../domain/announcement';
import type { FeedKey } from '../domain/feeds';
import type { FeedCorpus, StoredEntry } from '../ports/feed-corpus';
import { GSI1, INDEX_PARTITIONS } from '../table-definition';
import { toAnnouncement } from './dynamo-announcement-items';
import { archivePagesPartition } from './dynamo-archive-pages';
import { queryAll } from './dynamo-query-all';
import { ANNOUNCEMENT, feedPartition } from './table-keys';

/**
 * FeedCorpus on DynamoDB: the announcements through the list index (gsi1
 * 'ANN', the one key every announcement is under), a feed's entries as a
 * keys-only Query of its partition (a few bytes each, not their HTML), and
 * its boundaries as one Query of the feed's archive-pages partition.
 */
export class DynamoFeedCorpus implements FeedCorpus {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly table: string,
  ) {}

  async *announcements(): AsyncIterable<Announcement[]> {
    let start: Record<string, unknown> | undefined;
    do {
      const out = await this.doc.send(
        new QueryCommand({ TableName: this.table, IndexName: GSI1, KeyConditionExpression: 'gsi1pk = :p', ExpressionAttributeValues: { ':p': INDEX_PARTITIONS.list }, ExclusiveStartKey: start }),
      );
      yield (out.Items ?? []).filter((item) => item.type === ANNOUNCEMENT).map(toAnnouncement);
      start = out.LastEvaluatedKey;
    } while (start);
  }

  async entries(feed: FeedKey): Promise<StoredEntry[]> {
    const items = await queryAll(this.doc, {
      TableName: this.table,
      KeyConditionExpression: 'pk = :p',
      ExpressionAttributeValues: { ':p': feedPartition(feed) },
      ProjectionExpression: 'sk, version',
      ConsistentRead: true,
    });
    return items.map((item) => ({ sk: item.sk as string, ...(typeof item.version === 'number' ? { version: item.version } : {}) }));
  }

  async boundaries(feed: FeedKey): Promise<string[]> {
    const items = await queryAll(this.doc, {
      TableName: this.table,
      KeyConditionExpression: 'pk = :p',
      ExpressionAttributeValues: { ':p': archivePagesPartition(feed) },
      ProjectionExpression: 'sk',
      ConsistentRead: true,
    });
    return items.map((item) => item.sk as string);
  }

  async dropEntry(feed: FeedKey, sk: string, version: number): Promise<void> {
    try {
      await this.doc.send(
        new DeleteCommand({
          TableName: this.table,
          Key: { pk: feedPartition(feed), sk },
          ConditionExpression: 'attribute_not_exists(version) OR version <= :v',
          ExpressionAttributeValues: { ':v': version },
        }),
      );
    } catch (err) {
      // A newer version was projected there meanwhile: it is the stream's to keep.
      if (!(err instanceof ConditionalCheckFailedException)) throw err;
    }
  }
}
