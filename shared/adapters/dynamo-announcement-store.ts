import { GetCommand, QueryCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Announcement } from '../domain/announcement';
import { HeraldError } from '../domain/errors';
import type { AuditEntry } from '../domain/audit';
import type { FeedKey } from '../domain/feeds';
import {
  DuplicateRequest,
  VersionConflict,
  type AnnouncementStore,
  type IdempotencyRecord,
  type ListFilter,
  type Page,
} from '../ports/announcement-store';
import { queryAnnouncements } from './dynamo-list-query';
import { TransactionConditionFailed, transactWrite, type TransactItem } from './dynamo-transact';
import type { FeedHistory } from '../ports/feed-history';
import { GSI1 } from '../table-definition';
import {
  ANNOUNCEMENT,
  AUDIT,
  AUDIT_PREFIX,
  FEED_ENTRY,
  IDEMPOTENCY,
  SCHEDULE_ENTRY,
  announcementKey,
  auditKey,
  feedEntryKeys,
  feedEntrySnapshot,
  feedPartition,
  feedRegistryKey,
  idempotencyKey,
  listIndexKeys,
  scheduleEntryKey,
  scheduleIndexKeys,
} from './table-keys';

/**
 * AnnouncementStore on DynamoDB: one transaction per change (announcement,
 * feed entries, schedule entry, audit record, idempotency record), one Query
 * per feed, per list page, per history and per due-item sweep.
 */
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

  async list(options: { limit: number; cursor?: string; filter?: ListFilter }): Promise<Page<Announcement>> {
    const page = await queryAnnouncements(this.doc, this.table, options);
    return { items: page.items.map(toAnnouncement), cursor: page.cursor };
  }

  async create(next: Announcement, audit: AuditEntry, idempotency?: IdempotencyRecord): Promise<void> {
    const items: TransactItem[] = [
      { Put: { TableName: this.table, Item: this.announcementItem(next), ConditionExpression: 'attribute_not_exists(pk)' } },
      this.auditPut(audit),
      ...this.entryPuts(next),
      ...this.schedulePut(next),
    ];
    if (idempotency) {
      items.push({
        Put: {
          TableName: this.table,
          Item: { ...idempotencyKey(idempotency.scope), type: IDEMPOTENCY, ...idempotency },
          // An expired record that TTL has not yet deleted may be taken over.
          ConditionExpression: 'attribute_not_exists(pk) OR expiresAt <= :now',
          ExpressionAttributeValues: { ':now': Math.floor(Date.parse(audit.at) / 1000) },
        },
      });
    }
    try {
      await transactWrite(this.doc, items);
    } catch (err) {
      if (!(err instanceof TransactionConditionFailed)) throw tooLargeOr(err, next);
      if (idempotency && err.failed.includes(items.length - 1)) throw new DuplicateRequest('idempotency key in use');
      throw new VersionConflict('an announcement with this id exists');
    }
  }

  async replace(next: Announcement, prev: Announcement, audit: AuditEntry): Promise<void> {
    const keep = new Set(feedEntryKeys(next).map((k) => `${k.pk}|${k.sk}`));
    const deletes: TransactItem[] = feedEntryKeys(prev)
      .filter((k) => !keep.has(`${k.pk}|${k.sk}`))
      .map((Key) => ({ Delete: { TableName: this.table, Key } }));
    const unschedule: TransactItem[] =
      prev.status === 'scheduled' && next.status !== 'scheduled'
        ? [{ Delete: { TableName: this.table, Key: scheduleEntryKey(prev.id) } }]
        : [];
    try {
      await transactWrite(this.doc, [
        {
          Put: {
            TableName: this.table,
            Item: this.announcementItem(next),
            ConditionExpression: 'version = :v',
            ExpressionAttributeValues: { ':v': prev.version },
          },
        },
        this.auditPut(audit),
        ...deletes,
        ...unschedule,
        ...this.entryPuts(next),
        ...this.schedulePut(next),
      ]);
    } catch (err) {
      if (err instanceof TransactionConditionFailed) throw new VersionConflict('the item changed meanwhile');
      throw tooLargeOr(err, next);
    }
  }

  async history(id: string): Promise<AuditEntry[]> {
    const entries: AuditEntry[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const out = await this.doc.send(
        new QueryCommand({
          TableName: this.table,
          KeyConditionExpression: 'pk = :p AND begins_with(sk, :h)',
          ExpressionAttributeValues: { ':p': announcementKey(id).pk, ':h': AUDIT_PREFIX },
          ScanIndexForward: false,
          ConsistentRead: true,
          ExclusiveStartKey: start,
        }),
      );
      entries.push(...(out.Items ?? []).map((i) => strip(i) as AuditEntry));
      start = out.LastEvaluatedKey;
    } while (start);
    return entries;
  }

  async findIdempotency(scope: string, nowEpochSeconds: number): Promise<IdempotencyRecord | undefined> {
    const out = await this.doc.send(
      new GetCommand({ TableName: this.table, Key: idempotencyKey(scope), ConsistentRead: true }),
    );
    const record = out.Item ? (strip(out.Item) as IdempotencyRecord) : undefined;
    // TTL deletes expired items only eventually; an expired record counts as absent.
    return record && record.expiresAt > nowEpochSeconds ? record : undefined;
  }

  async dueIds(now: string, limit: number): Promise<string[]> {
    const out = await this.doc.send(
      new QueryCommand({
        TableName: this.table,
        IndexName: GSI1,
        KeyConditionExpression: 'gsi1pk = :p AND gsi1sk <= :now',
        ExpressionAttributeValues: { ':p': 'DUE', ':now': `${now}#~` },
        ScanIndexForward: true,
        Limit: limit,
      }),
    );
    return (out.Items ?? []).map((i) => i.announcementId as string);
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

  private auditPut(audit: AuditEntry): TransactItem {
    return {
      Put: {
        TableName: this.table,
        Item: { ...auditKey(audit.announcementId, audit.version), type: AUDIT, ...audit },
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    };
  }

  private entryPuts(a: Announcement): TransactItem[] {
    const announcement = feedEntrySnapshot(a);
    return feedEntryKeys(a).map((key) => ({
      Put: { TableName: this.table, Item: { ...key, type: FEED_ENTRY, announcement } },
    }));
  }

  private schedulePut(a: Announcement): TransactItem[] {
    if (a.status !== 'scheduled' || !a.publishAt) return [];
    const Item = {
      ...scheduleEntryKey(a.id),
      ...scheduleIndexKeys({ publishAt: a.publishAt, id: a.id }),
      type: SCHEDULE_ENTRY,
      announcementId: a.id,
      publishAt: a.publishAt,
    };
    return [{ Put: { TableName: this.table, Item } }];
  }
}

/**
 * DynamoDB's size limits (400 KB an item, 4 MB a transaction) as a 413: the
 * announcement is copied into each of its feeds' entries, so a long body with
 * many tags can exceed them although the request itself is small. Any other
 * error is returned as it is.
 */
function tooLargeOr(err: unknown, a: Announcement): unknown {
  const e = err as { name?: string; message?: string; CancellationReasons?: { Code?: string; Message?: string }[] };
  const messages = [e.message ?? '', ...(e.CancellationReasons ?? []).map((r) => `${r.Code} ${r.Message ?? ''}`)].join(' ');
  const sizeLimit = /(payload|item) size (cannot exceed|has exceeded)/i.test(messages);
  if (!sizeLimit || !['ValidationException', 'TransactionCanceledException'].includes(e.name ?? '')) return err;
  return new HeraldError(
    413,
    'payload_too_large',
    `this announcement is too large to store with its ${a.tags.length} tag(s): every feed it is in keeps a copy of its HTML; shorten the body or use fewer tags`,
  );
}

/** Strips the table's key attributes, leaving the domain object. */
function strip(item: Record<string, unknown>): Record<string, unknown> {
  const { pk: _pk, sk: _sk, gsi1pk: _g1, gsi1sk: _g2, type: _t, ...rest } = item;
  return rest;
}

/** The announcement of a stored item. */
export function toAnnouncement(item: Record<string, unknown>): Announcement {
  return strip(item) as Announcement;
}
