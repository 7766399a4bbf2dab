import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { stableJson } from '../domain/audit';
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
import { announcementItem, idempotencyPut, replaceWrites, schedulePut, strip, toAnnouncement, tooLargeOr } from './dynamo-announcement-items';
import { auditEntryOf, auditTrailOf, CARRIED_PROJECTION, createAuditOf, HISTORY_PROJECTION, rememberCreateAudit } from './dynamo-create-audit';
import { assertEntriesFit } from './dynamo-feed-entries';
import { queryAnnouncements } from './dynamo-list-query';
import { TransactionConditionFailed, transactWrite } from './dynamo-transact';
import { GSI1 } from '../table-definition';
import { CREATE_AUDIT, announcementKey, idempotencyKey } from './table-keys';
import { queryAll } from './dynamo-query-all';

/**
 * AnnouncementStore on DynamoDB: one atomic write per change, one Query per
 * list page, per history and per due-item sweep. A create carries its audit
 * record on the item (dynamo-create-audit), so a POST without a schedule
 * entry or an Idempotency-Key is one conditional PutItem, otherwise one
 * transaction of two or three items; a replace is one transaction
 * (announcement, audit record, schedule entry, and at the first edit the
 * create's record moved to its own item). The publisher's reads are
 * DynamoFeedIndex's; item shapes are in dynamo-announcement-items.
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
    // The audit record rides on the item, so without a schedule entry or an idempotency record this is one PutItem.
    const put = { TableName: this.table, Item: announcementItem(next, audit), ConditionExpression: 'attribute_not_exists(pk)' };
    const others = [...schedulePut(this.table, next), ...(idempotency ? [idempotencyPut(this.table, idempotency, audit.at)] : [])];
    try {
      if (others.length) await transactWrite(this.doc, [{ Put: put }, ...others]);
      else await this.doc.send(new PutCommand({ ...put, ReturnValuesOnConditionCheckFailure: 'ALL_OLD' }));
    } catch (err) {
      if (err instanceof ConditionalCheckFailedException) {
        // The SDK retried a PutItem whose first attempt was stored but whose answer was lost (a
        // transaction's retries share one ClientRequestToken; a PutItem's have none): it finds its own item.
        if (err.Item && stableJson(unmarshall(err.Item)) === stableJson(JSON.parse(JSON.stringify(put.Item)))) {
          rememberCreateAudit(next, audit);
          return;
        }
        throw new VersionConflict('an announcement with this id exists');
      }
      if (!(err instanceof TransactionConditionFailed)) throw tooLargeOr(err, next);
      if (idempotency && err.failed.includes(others.length)) throw new DuplicateRequest('idempotency key in use');
      throw new VersionConflict('an announcement with this id exists');
    }
    rememberCreateAudit(next, audit);
  }

  async replace(next: Announcement, prev: Announcement, audit: AuditEntry): Promise<void> {
    assertEntriesFit(next);
    const known = createAuditOf(prev);
    if (await this.tryReplace(next, prev, audit, known)) return;
    // A `prev` not read through this adapter may still carry its create's record: read the item once to know.
    const carried = known ? undefined : await this.carriedRecord(prev);
    if (!carried || !(await this.tryReplace(next, prev, audit, carried))) throw new VersionConflict('the item changed meanwhile');
  }

  /** One replace transaction; false when a condition failed (the item moved on, or carries another record than assumed). */
  private async tryReplace(next: Announcement, prev: Announcement, audit: AuditEntry, carried: AuditEntry | undefined): Promise<boolean> {
    try {
      await transactWrite(this.doc, replaceWrites(this.table, { next, prev, audit, carried }));
      return true;
    } catch (err) {
      if (err instanceof TransactionConditionFailed) return false;
      throw tooLargeOr(err, next);
    }
  }

  /** The create's record the stored item still carries, if it is still at `prev`'s version. */
  private async carriedRecord(prev: Announcement): Promise<AuditEntry | undefined> {
    const out = await this.doc.send(
      new GetCommand({ TableName: this.table, Key: announcementKey(prev.id), ConsistentRead: true, ...CARRIED_PROJECTION }),
    );
    const entry = out.Item?.[CREATE_AUDIT] as Record<string, unknown> | undefined;
    return entry && out.Item?.version === prev.version ? auditEntryOf(entry) : undefined;
  }

  /** One Query over the partition: the `H#` records and the create's record the item may still carry. */
  async history(id: string): Promise<AuditEntry[]> {
    const items = await queryAll(this.doc, {
      TableName: this.table,
      KeyConditionExpression: 'pk = :p',
      ExpressionAttributeValues: { ':p': announcementKey(id).pk },
      ...HISTORY_PROJECTION,
      ConsistentRead: true,
    });
    return auditTrailOf(items);
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
