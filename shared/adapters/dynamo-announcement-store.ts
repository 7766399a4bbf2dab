import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import {
  GetCommand,
  QueryCommand,
  TransactWriteCommand,
  UpdateCommand,
  type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import type { Announcement } from '../domain/announcement';
import { ValidationError } from '../domain/errors';
import type { FeedKey } from '../domain/feeds';
import { VersionConflict, type AnnouncementStore, type Page } from '../ports/announcement-store';
import type { FeedHistory } from '../ports/feed-history';
import {
  ANNOUNCEMENT,
  FEED_ENTRY,
  announcementKey,
  feedEntryKeys,
  feedEntrySnapshot,
  feedPartition,
  feedRegistryKey,
  listIndexKeys,
} from './table-keys';

type TransactItem = NonNullable<ConstructorParameters<typeof TransactWriteCommand>[0]['TransactItems']>[number];

/** AnnouncementStore on DynamoDB: one transaction per change, one Query per feed. */
export class DynamoAnnouncementStore implements AnnouncementStore, FeedHistory {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly table: string,
  ) {}

  async get(id: string): Promise<Announcement | undefined> {
    const out = await this.doc.send(
      new GetCommand({ TableName: this.table, Key: announcementKey(id), ConsistentRead: true }),
    );
    return out.Item ? toAnnouncement(out.Item) : undefined;
  }

  async list({ limit, cursor }: { limit: number; cursor?: string }): Promise<Page<Announcement>> {
    const out = await this.doc.send(
      new QueryCommand({
        TableName: this.table,
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :p',
        ExpressionAttributeValues: { ':p': 'ANN' },
        ScanIndexForward: false,
        Limit: limit,
        ExclusiveStartKey: cursor ? decodeCursor(cursor) : undefined,
      }),
    );
    return {
      items: (out.Items ?? []).map(toAnnouncement),
      cursor: out.LastEvaluatedKey ? encodeCursor(out.LastEvaluatedKey) : undefined,
    };
  }

  async create(next: Announcement): Promise<void> {
    await this.transact([
      {
        Put: {
          TableName: this.table,
          Item: this.announcementItem(next),
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
      ...this.entryPuts(next),
    ]);
  }

  async replace(next: Announcement, prev: Announcement): Promise<void> {
    const keep = new Set(feedEntryKeys(next).map((k) => `${k.pk}|${k.sk}`));
    const deletes: TransactItem[] = feedEntryKeys(prev)
      .filter((k) => !keep.has(`${k.pk}|${k.sk}`))
      .map((Key) => ({ Delete: { TableName: this.table, Key } }));
    await this.transact([
      {
        Put: {
          TableName: this.table,
          Item: this.announcementItem(next),
          ConditionExpression: 'version = :v',
          ExpressionAttributeValues: { ':v': prev.version },
        },
      },
      ...deletes,
      ...this.entryPuts(next),
    ]);
  }

  async latestInFeed(feed: FeedKey, limit: number): Promise<Announcement[]> {
    const out = await this.doc.send(
      new QueryCommand({
        TableName: this.table,
        KeyConditionExpression: 'pk = :p',
        ExpressionAttributeValues: { ':p': feedPartition(feed) },
        ScanIndexForward: false,
        Limit: limit,
      }),
    );
    return (out.Items ?? []).map((item) => ({ ...(item.announcement as Omit<Announcement, 'body'>), body: '' }));
  }

  async inFeedMonth(feed: FeedKey, month: string): Promise<Announcement[]> {
    const items: Announcement[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const out = await this.doc.send(
        new QueryCommand({
          TableName: this.table,
          KeyConditionExpression: 'pk = :p AND begins_with(sk, :m)',
          ExpressionAttributeValues: { ':p': feedPartition(feed), ':m': `${month}-` },
          ScanIndexForward: false,
          ExclusiveStartKey: start,
        }),
      );
      for (const item of out.Items ?? []) items.push({ ...(item.announcement as Omit<Announcement, 'body'>), body: '' });
      start = out.LastEvaluatedKey;
    } while (start);
    return items;
  }

  async adjacentMonth(feed: FeedKey, month: string, direction: 'before' | 'after'): Promise<string | undefined> {
    // Entry sort keys start with the ISO publication time: "YYYY-MM-" sorts inside
    // the month, "YYYY-MM~" after all of it.
    const out = await this.doc.send(
      new QueryCommand({
        TableName: this.table,
        KeyConditionExpression: direction === 'before' ? 'pk = :p AND sk < :m' : 'pk = :p AND sk > :m',
        ExpressionAttributeValues: { ':p': feedPartition(feed), ':m': direction === 'before' ? `${month}-` : `${month}~` },
        ScanIndexForward: direction === 'after',
        ProjectionExpression: 'sk',
        Limit: 1,
      }),
    );
    const sk = out.Items?.[0]?.sk as string | undefined;
    return sk?.slice(0, 7);
  }

  async registerFeeds(feeds: FeedKey[]): Promise<void> {
    if (feeds.length === 0) return;
    await this.doc.send(
      new UpdateCommand({
        TableName: this.table,
        Key: feedRegistryKey,
        UpdateExpression: 'ADD feeds :f',
        ExpressionAttributeValues: { ':f': new Set(feeds) },
      }),
    );
  }

  async registeredFeeds(): Promise<FeedKey[]> {
    const out = await this.doc.send(new GetCommand({ TableName: this.table, Key: feedRegistryKey, ConsistentRead: true }));
    return [...((out.Item?.feeds as Set<string> | undefined) ?? [])].sort();
  }

  private announcementItem(a: Announcement) {
    return { ...announcementKey(a.id), ...listIndexKeys(a), type: ANNOUNCEMENT, ...a };
  }

  private entryPuts(a: Announcement): TransactItem[] {
    const announcement = feedEntrySnapshot(a);
    return feedEntryKeys(a).map((key) => ({
      Put: { TableName: this.table, Item: { ...key, type: FEED_ENTRY, announcement } },
    }));
  }

  private async transact(items: TransactItem[]): Promise<void> {
    try {
      await this.doc.send(new TransactWriteCommand({ TransactItems: items }));
    } catch (err) {
      const first = err instanceof TransactionCanceledException ? err.CancellationReasons?.[0] : undefined;
      if (first?.Code === 'ConditionalCheckFailed') throw new VersionConflict('the item changed meanwhile');
      throw err;
    }
  }
}

/** Strips the table's key attributes, leaving the domain object. */
export function toAnnouncement(item: Record<string, unknown>): Announcement {
  const { pk: _pk, sk: _sk, gsi1pk: _g1, gsi1sk: _g2, type: _t, ...rest } = item;
  return rest as Announcement;
}

const encodeCursor = (key: Record<string, unknown>) => Buffer.from(JSON.stringify(key)).toString('base64url');

function decodeCursor(cursor: string): Record<string, unknown> {
  try {
    const key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    const ok =
      typeof key === 'object' && key !== null &&
      Object.entries(key).every(([k, v]) => ['pk', 'sk', 'gsi1pk', 'gsi1sk'].includes(k) && typeof v === 'string');
    if (ok) return key as Record<string, unknown>;
  } catch {
    // fall through to the validation error
  }
  throw new ValidationError('invalid cursor', [{ path: 'cursor', message: 'not a cursor this API issued' }]);
}
