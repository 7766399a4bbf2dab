import { GetCommand, QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Announcement } from '../domain/announcement';
import type { AuditEntry } from '../domain/audit';
import {
  DuplicateRequest,
  VersionConflict,
  type AnnouncementStore,
  type IdempotencyRecord,
  type ListFilter,
  type Page,
} from '../ports/announcement-store';
import { announcementItem, auditPut, schedulePut, strip, toAnnouncement, tooLargeOr } from './dynamo-announcement-items';
import { assertEntriesFit } from './dynamo-feed-entries';
import { queryAnnouncements } from './dynamo-list-query';
import { TransactionConditionFailed, transactWrite, type TransactItem } from './dynamo-transact';
import { GSI1 } from '../table-definition';
import {
  AUDIT_PREFIX,
  IDEMPOTENCY,
  announcementKey,
  idempotencyKey,
  scheduleEntryKey,
} from './table-keys';
import { queryAll } from './dynamo-query-all';

/**
 * AnnouncementStore on DynamoDB: one transaction per change (announcement,
 * schedule entry, audit record, idempotency record), one Query
 * per list page, per history and per due-item sweep. The publisher's reads
 * are DynamoFeedIndex's; item shapes are in dynamo-announcement-items.
 *
 * Feed entries are not written here: the publisher keeps them from the
 * stream (DynamoFeedEntries), so a POST is two or three items, not one per
 * feed. They used to be written in this transaction, which made a POST cost
 * about 0.27x a bare PutItem against 0.55x for a 5-item transaction alone.
 * Readers of entries are the publisher (which projects before it reads),
 * the reconciler, and views that may lag a publish (tag counts, the outbox).
 */
export class DynamoAnnouncementStore implements AnnouncementStore {
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
    assertEntriesFit(next);
    const items: TransactItem[] = [
      { Put: { TableName: this.table, Item: announcementItem(next), ConditionExpression: 'attribute_not_exists(pk)' } },
      auditPut(this.table, audit),
      ...schedulePut(this.table, next),
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
    assertEntriesFit(next);
    const unschedule: TransactItem[] =
      prev.status === 'scheduled' && next.status !== 'scheduled'
        ? [{ Delete: { TableName: this.table, Key: scheduleEntryKey(prev.id) } }]
        : [];
    try {
      await transactWrite(this.doc, [
        {
          Put: {
            TableName: this.table,
            Item: announcementItem(next),
            ConditionExpression: 'version = :v',
            ExpressionAttributeValues: { ':v': prev.version },
          },
        },
        auditPut(this.table, audit),
        ...unschedule,
        ...schedulePut(this.table, next),
      ]);
    } catch (err) {
      if (err instanceof TransactionConditionFailed) throw new VersionConflict('the item changed meanwhile');
      throw tooLargeOr(err, next);
    }
  }

  async history(id: string): Promise<AuditEntry[]> {
    const items = await queryAll(this.doc, {
      TableName: this.table,
      KeyConditionExpression: 'pk = :p AND begins_with(sk, :h)',
      ExpressionAttributeValues: { ':p': announcementKey(id).pk, ':h': AUDIT_PREFIX },
      ScanIndexForward: false,
      ConsistentRead: true,
    });
    return items.map((i) => strip(i) as AuditEntry);
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
}
