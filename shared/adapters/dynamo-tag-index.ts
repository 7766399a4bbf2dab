import { GetCommand, QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { feedKeyOf } from '../domain/feeds';
import type { TagCount, TagIndex } from '../ports/tag-index';
import { FEED_REGISTRATION_PREFIX, FEED_REGISTRY_PARTITION, feedPartition, legacyFeedRegistryKey } from './table-keys';

/** Tag feeds counted at once. */
const PARALLEL_COUNTS = 16;
const TAG_FEEDS = `${FEED_REGISTRATION_PREFIX}${feedKeyOf({ kind: 'tag', tag: '' })}`;

/**
 * TagIndex on DynamoDB, read only: the tag feeds are the publisher's registry
 * items under `F#tag:` (one paged Query; a legacy single-item registry is read
 * too but left for the publisher to move), and each tag's count is a
 * `Select: COUNT` Query of its feed partition, which holds one entry per
 * published announcement with that tag. A tag whose feed is empty (all its
 * announcements retracted) is not in use. Costs one Query per tag feed.
 */
export class DynamoTagIndex implements TagIndex {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly table: string,
  ) {}

  async tagsInUse(): Promise<TagCount[]> {
    const tags = await this.tagFeeds();
    const counted: TagCount[] = [];
    for (let i = 0; i < tags.length; i += PARALLEL_COUNTS) {
      counted.push(...(await Promise.all(tags.slice(i, i + PARALLEL_COUNTS).map(async (tag) => ({ tag, count: await this.count(tag) })))));
    }
    return counted.filter((t) => t.count > 0);
  }

  private async tagFeeds(): Promise<string[]> {
    const tags = new Set<string>();
    let start: Record<string, unknown> | undefined;
    do {
      const out = await this.doc.send(
        new QueryCommand({
          TableName: this.table,
          KeyConditionExpression: 'pk = :p AND begins_with(sk, :t)',
          ExpressionAttributeValues: { ':p': FEED_REGISTRY_PARTITION, ':t': TAG_FEEDS },
          ProjectionExpression: 'sk',
          ExclusiveStartKey: start,
        }),
      );
      for (const item of out.Items ?? []) tags.add((item.sk as string).slice(TAG_FEEDS.length));
      start = out.LastEvaluatedKey;
    } while (start);
    const legacy = await this.doc.send(new GetCommand({ TableName: this.table, Key: legacyFeedRegistryKey, ProjectionExpression: 'feeds' }));
    const prefix = feedKeyOf({ kind: 'tag', tag: '' });
    for (const feed of (legacy.Item?.feeds as Set<string> | undefined) ?? []) if (feed.startsWith(prefix)) tags.add(feed.slice(prefix.length));
    return [...tags].filter(Boolean).sort();
  }

  private async count(tag: string): Promise<number> {
    let count = 0;
    let start: Record<string, unknown> | undefined;
    do {
      const out = await this.doc.send(
        new QueryCommand({
          TableName: this.table,
          KeyConditionExpression: 'pk = :p',
          ExpressionAttributeValues: { ':p': feedPartition(feedKeyOf({ kind: 'tag', tag })) },
          Select: 'COUNT',
          ExclusiveStartKey: start,
        }),
      );
      count += out.Count ?? 0;
      start = out.LastEvaluatedKey;
    } while (start);
    return count;
  }
}
