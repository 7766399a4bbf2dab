import { BatchGetCommand, QueryCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { FeedKey } from '../domain/feeds';
import type { Page } from '../ports/announcement-store';
import type { FeedRegistry } from '../ports/feed-registry';
import { FEED_REGISTRATION, FEED_REGISTRATION_PREFIX, FEED_REGISTRY_PARTITION, feedRegistrationKey, legacyFeedRegistryKey } from './table-keys';
import { untilProcessed } from './dynamo-unprocessed';

/** Writes in flight at once when many feeds are registered together (a legacy registry moving). */
const PARALLEL_WRITES = 25;

const encodeCursor = (sk: string) => Buffer.from(sk, 'utf8').toString('base64url');
function decodeCursor(cursor: string): Record<string, string> {
  const sk = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!sk.startsWith(FEED_REGISTRATION_PREFIX)) throw new Error('not a feed registry cursor');
  return { pk: FEED_REGISTRY_PARTITION, sk };
}

/**
 * FeedRegistry on DynamoDB: one item per feed in one partition, listed by a
 * paged Query. Only GetItem, BatchGetItem, Query and UpdateItem, the publisher's grants.
 * The former single item (a string set of every feed) is still read: the
 * page that meets it returns its feeds and moves them into per-feed items.
 */
export class DynamoFeedRegistry implements FeedRegistry {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly table: string,
  ) {}

  async known(feeds: FeedKey[]): Promise<Set<FeedKey>> {
    const unique = [...new Set(feeds)];
    const found = new Set<FeedKey>();
    // BatchGetItem: a publish asks about its few feeds in one call (100 keys a call).
    for (let i = 0; i < unique.length; i += 100) {
      await untilProcessed('registry reads', unique.slice(i, i + 100).map(feedRegistrationKey) as Record<string, unknown>[], async (Keys) => {
        const out = await this.doc.send(
          new BatchGetCommand({ RequestItems: { [this.table]: { Keys, ProjectionExpression: 'sk', ConsistentRead: true } } }),
        );
        for (const item of out.Responses?.[this.table] ?? []) found.add(String(item.sk).slice(FEED_REGISTRATION_PREFIX.length) as FeedKey);
        return out.UnprocessedKeys?.[this.table]?.Keys ?? [];
      });
    }
    return found;
  }

  async register(feeds: FeedKey[]): Promise<void> {
    const unique = [...new Set(feeds)];
    for (let i = 0; i < unique.length; i += PARALLEL_WRITES) {
      await Promise.all(
        unique.slice(i, i + PARALLEL_WRITES).map((feed) =>
          this.doc.send(
            new UpdateCommand({
              TableName: this.table,
              Key: feedRegistrationKey(feed),
              UpdateExpression: 'SET #type = :type, feed = :feed',
              ExpressionAttributeNames: { '#type': 'type' },
              ExpressionAttributeValues: { ':type': FEED_REGISTRATION, ':feed': feed },
            }),
          ),
        ),
      );
    }
  }

  async page(options: { limit: number; cursor?: string }): Promise<Page<FeedKey>> {
    const out = await this.doc.send(
      new QueryCommand({
        TableName: this.table,
        // From the first per-feed item on: the legacy item ('M') sorts after them, anything else before.
        KeyConditionExpression: 'pk = :p AND sk >= :f',
        ExpressionAttributeValues: { ':p': FEED_REGISTRY_PARTITION, ':f': FEED_REGISTRATION_PREFIX },
        ExclusiveStartKey: options.cursor ? decodeCursor(options.cursor) : undefined,
        Limit: options.limit,
        ConsistentRead: true,
      }),
    );
    const items: FeedKey[] = [];
    for (const item of out.Items ?? []) {
      if (item.sk === legacyFeedRegistryKey.sk) items.push(...(await this.moveLegacy(item.feeds as Set<string> | undefined)));
      else if (typeof item.feed === 'string') items.push(item.feed);
    }
    const last = out.LastEvaluatedKey?.sk as string | undefined;
    // The legacy item sorts after every per-feed one, so a cursor never points at it.
    return last?.startsWith(FEED_REGISTRATION_PREFIX) ? { items, cursor: encodeCursor(last) } : { items };
  }

  /**
   * Registers the legacy set's feeds one by one, then takes exactly those out
   * of the set (DELETE, not REMOVE: a publisher still on the old code may be
   * adding to it meanwhile). Returns the feeds it held.
   */
  private async moveLegacy(feeds: Set<string> | undefined): Promise<FeedKey[]> {
    const moved = [...(feeds ?? [])].sort();
    if (moved.length === 0) return [];
    await this.register(moved);
    await this.doc.send(
      new UpdateCommand({
        TableName: this.table,
        Key: legacyFeedRegistryKey,
        UpdateExpression: 'DELETE feeds :moved',
        ExpressionAttributeValues: { ':moved': new Set(moved) },
      }),
    );
    return moved;
  }
}
