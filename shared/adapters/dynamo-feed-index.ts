import { BatchGetCommand, GetCommand, QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Announcement } from '../domain/announcement';
import type { ArchivePage } from '../domain/archive-pages';
import type { FeedKey } from '../domain/feeds';
import type { EntryMove } from '../ports/feed-entries';
import type { FeedIndex } from '../ports/feed-index';
import { DynamoFeedEntries } from './dynamo-feed-entries';
import { toAnnouncement } from './dynamo-announcement-items';
import { announcementKey, feedPartition } from './table-keys';
import { queryAll } from './dynamo-query-all';
import { archivePageQueries } from './dynamo-archive-pages';
import { untilProcessed } from './dynamo-unprocessed';

/** A feed entry's announcement: the snapshot the index keeps, which has no Markdown source. */
const entryAnnouncement = (item: Record<string, unknown>): Announcement => ({
  ...(item.announcement as Omit<Announcement, 'body'>),
  body: '',
});

/**
 * FeedIndex on DynamoDB: a feed is one partition of feed entries sorted by
 * publication time, so its newest items, one month or archive page of it, or
 * the month next to one are each a single Query.
 */
export class DynamoFeedIndex implements FeedIndex {
  private readonly pages: ReturnType<typeof archivePageQueries>;
  private readonly entries: DynamoFeedEntries;
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly table: string,
  ) {
    this.pages = archivePageQueries(doc, table);
    this.entries = new DynamoFeedEntries(doc, table);
  }

  async inFeedPage(feed: FeedKey, page: ArchivePage): Promise<Announcement[]> {
    return (await this.pages.inFeedPage(feed, page)).map(entryAnnouncement);
  }
  pageBoundaries(feed: FeedKey, month: string): Promise<string[]> {
    return this.pages.pageBoundaries(feed, month);
  }
  lastPageBoundary(feed: FeedKey, below: string): Promise<string | undefined> {
    return this.pages.lastPageBoundary(feed, below);
  }
  boundariesAround(feed: FeedKey, sk: string): Promise<{ below: string[]; above: string[] }> {
    return this.pages.boundariesAround(feed, sk);
  }
  addPageBoundaries(feed: FeedKey, boundaries: string[]): Promise<void> {
    return this.pages.addPageBoundaries(feed, boundaries);
  }

  /** The publisher writes the entries just before it reads them: hence ConsistentRead on every Query. */
  project(moves: EntryMove[]): Promise<void> {
    return this.entries.project(moves);
  }
  projectIfCurrent(moves: EntryMove[]): Promise<boolean> {
    return this.entries.projectIfCurrent(moves);
  }

  async get(id: string): Promise<Announcement | undefined> {
    const out = await this.doc.send(new GetCommand({ TableName: this.table, Key: announcementKey(id), ConsistentRead: true }));
    return out.Item ? toAnnouncement(out.Item) : undefined;
  }

  /** BatchGetItem, 100 keys a call (DynamoDB's limit), unprocessed keys asked again. */
  async getMany(ids: string[]): Promise<(Announcement | undefined)[]> {
    const found = new Map<string, Announcement>();
    const unique = [...new Set(ids)];
    for (let i = 0; i < unique.length; i += 100) {
      await untilProcessed('announcement reads', unique.slice(i, i + 100).map(announcementKey) as Record<string, unknown>[], async (Keys) => {
        const out = await this.doc.send(new BatchGetCommand({ RequestItems: { [this.table]: { Keys, ConsistentRead: true } } }));
        for (const item of out.Responses?.[this.table] ?? []) {
          const a = toAnnouncement(item);
          found.set(a.id, a);
        }
        return out.UnprocessedKeys?.[this.table]?.Keys ?? [];
      });
    }
    return ids.map((id) => found.get(id));
  }

  async latestInFeed(feed: FeedKey, limit: number): Promise<Announcement[]> {
    const out = await this.doc.send(
      new QueryCommand({
        TableName: this.table,
        KeyConditionExpression: 'pk = :p',
        ExpressionAttributeValues: { ':p': feedPartition(feed) },
        ScanIndexForward: false,
        Limit: limit,
        ConsistentRead: true,
      }),
    );
    return (out.Items ?? []).map(entryAnnouncement);
  }

  async inFeedMonth(feed: FeedKey, month: string): Promise<Announcement[]> {
    const items = await queryAll(this.doc, {
      TableName: this.table,
      KeyConditionExpression: 'pk = :p AND begins_with(sk, :m)',
      ExpressionAttributeValues: { ':p': feedPartition(feed), ':m': `${month}-` },
      ScanIndexForward: false,
      ConsistentRead: true,
    });
    return items.map(entryAnnouncement);
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
        ConsistentRead: true,
      }),
    );
    const sk = out.Items?.[0]?.sk as string | undefined;
    return sk?.slice(0, 7);
  }
}
