import { QueryCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { ArchivePage } from '../domain/archive-pages';
import type { FeedKey } from '../domain/feeds';
import { KEY_PREFIXES } from '../table-definition';
import { queryAll } from './dynamo-query-all';
import { feedPartition } from './table-keys';

/**
 * Archive page boundaries live beside the feed registry's kind of item (the
 * publisher's own state, META#), one partition per feed, sort key = the
 * boundary, so a month's boundaries or the last one before a key are one
 * consistent Query each, and writing one is an idempotent UpdateItem.
 */
export const ARCHIVE_PAGE_BOUNDARY = 'archive-page-boundary';
export const archivePagesPartition = (feed: FeedKey) => `${KEY_PREFIXES.meta}archive-pages#${feed}`;

/** Reads and writes of archive pages and their boundaries for DynamoFeedIndex. */
export function archivePageQueries(doc: DynamoDBDocumentClient, table: string) {
  return {
    /** The entry items of one page: one ranged Query (BETWEEN is inclusive, so the end key is dropped). */
    async inFeedPage(feed: FeedKey, page: ArchivePage): Promise<Record<string, unknown>[]> {
      const items = await queryAll(doc, {
        TableName: table,
        KeyConditionExpression: 'pk = :p AND sk BETWEEN :a AND :b',
        ExpressionAttributeValues: { ':p': feedPartition(feed), ':a': page.start ?? `${page.month}-`, ':b': page.end ?? `${page.month}~` },
        ScanIndexForward: false,
        ConsistentRead: true,
      });
      return page.end === undefined ? items : items.filter((item) => item.sk !== page.end);
    },
    async pageBoundaries(feed: FeedKey, month: string): Promise<string[]> {
      const items = await queryAll(doc, {
        TableName: table,
        KeyConditionExpression: 'pk = :p AND begins_with(sk, :m)',
        ExpressionAttributeValues: { ':p': archivePagesPartition(feed), ':m': `${month}-` },
        ProjectionExpression: 'sk',
        ConsistentRead: true,
      });
      return items.map((item) => item.sk as string);
    },
    async lastPageBoundary(feed: FeedKey, below: string): Promise<string | undefined> {
      const out = await doc.send(
        new QueryCommand({
          TableName: table,
          KeyConditionExpression: 'pk = :p AND sk < :b',
          ExpressionAttributeValues: { ':p': archivePagesPartition(feed), ':b': below },
          ScanIndexForward: false,
          ProjectionExpression: 'sk',
          Limit: 1,
          ConsistentRead: true,
        }),
      );
      return out.Items?.[0]?.sk as string | undefined;
    },
    /** Two keys-only Queries of at most two items, sent together. */
    async boundariesAround(feed: FeedKey, sk: string): Promise<{ below: string[]; above: string[] }> {
      const side = async (below: boolean) => {
        const out = await doc.send(
          new QueryCommand({
            TableName: table,
            KeyConditionExpression: below ? 'pk = :p AND sk <= :k' : 'pk = :p AND sk > :k',
            ExpressionAttributeValues: { ':p': archivePagesPartition(feed), ':k': sk },
            ScanIndexForward: !below,
            ProjectionExpression: 'sk',
            Limit: 2,
            ConsistentRead: true,
          }),
        );
        return (out.Items ?? []).map((item) => item.sk as string);
      };
      const [below, above] = await Promise.all([side(true), side(false)]);
      return { below, above };
    },
    async addPageBoundaries(feed: FeedKey, boundaries: string[]): Promise<void> {
      await Promise.all(
        boundaries.map((sk) =>
          doc.send(
            new UpdateCommand({
              TableName: table,
              Key: { pk: archivePagesPartition(feed), sk },
              UpdateExpression: 'SET #type = :type, feed = :feed',
              ExpressionAttributeNames: { '#type': 'type' },
              ExpressionAttributeValues: { ':type': ARCHIVE_PAGE_BOUNDARY, ':feed': feed },
            }),
          ),
        ),
      );
    },
  };
}
