import type { Announcement } from '../domain/announcement';
import type { AuditEntry } from '../domain/audit';
import { HeraldError } from '../domain/errors';
import type { IdempotencyRecord } from '../ports/announcement-store';
import type { TransactItem } from './dynamo-transact';
import { auditEntryOf, rememberCreateAudit } from './dynamo-create-audit';
import {
  ANNOUNCEMENT,
  AUDIT,
  CREATE_AUDIT,
  IDEMPOTENCY,
  SCHEDULE_ENTRY,
  announcementKey,
  auditKey,
  idempotencyKey,
  listIndexKeys,
  scheduleEntryKey,
  scheduleIndexKeys,
} from './table-keys';

/**
 * The table items of one announcement (the item itself with its create's
 * audit record, later audit records, its schedule entry, an idempotency
 * record; its feed entries are the publisher's, dynamo-feed-entries) and
 * their way back to domain objects, so the store's methods hold only the
 * write logic.
 */
export const announcementItem = (a: Announcement, createAudit?: AuditEntry) => ({
  ...announcementKey(a.id),
  ...listIndexKeys(a),
  type: ANNOUNCEMENT,
  ...a,
  // A create's audit record rides on the item until the first edit (dynamo-create-audit).
  ...(createAudit ? { [CREATE_AUDIT]: createAudit } : {}),
});

/** The audit record's Put; it never overwrites an earlier version's record. */
export function auditPut(table: string, audit: AuditEntry): TransactItem {
  return {
    Put: {
      TableName: table,
      Item: { ...auditKey(audit.announcementId, audit.version), type: AUDIT, ...audit },
      ConditionExpression: 'attribute_not_exists(pk)',
    },
  };
}

/**
 * A replace's writes: the new version, conditional on the stored version and
 * on whether the item still carries its create's audit record (`carried`:
 * then that record moves to its own `H#` item here and the new version drops
 * it), the change's audit record, and the schedule entry's move.
 */
export function replaceWrites(
  table: string,
  w: { next: Announcement; prev: Announcement; audit: AuditEntry; carried: AuditEntry | undefined },
): TransactItem[] {
  const unschedule: TransactItem[] =
    w.prev.status === 'scheduled' && w.next.status !== 'scheduled' ? [{ Delete: { TableName: table, Key: scheduleEntryKey(w.prev.id) } }] : [];
  const put: TransactItem = {
    Put: {
      TableName: table,
      Item: announcementItem(w.next),
      ConditionExpression: `version = :v AND ${w.carried ? 'attribute_exists' : 'attribute_not_exists'}(#createAudit)`,
      ExpressionAttributeNames: { '#createAudit': CREATE_AUDIT },
      ExpressionAttributeValues: { ':v': w.prev.version },
    },
  };
  return [put, ...(w.carried ? [auditPut(table, w.carried)] : []), auditPut(table, w.audit), ...unschedule, ...schedulePut(table, w.next)];
}

/** The idempotency record's Put; an expired record that TTL has not yet deleted may be taken over. */
export function idempotencyPut(table: string, record: IdempotencyRecord, at: string): TransactItem {
  return {
    Put: {
      TableName: table,
      Item: { ...idempotencyKey(record.scope), type: IDEMPOTENCY, ...record },
      ConditionExpression: 'attribute_not_exists(pk) OR expiresAt <= :now',
      ExpressionAttributeValues: { ':now': Math.floor(Date.parse(at) / 1000) },
    },
  };
}

/** The schedule entry's Put, when the announcement waits for its publishAt. */
export function schedulePut(table: string, a: Announcement): TransactItem[] {
  if (a.status !== 'scheduled' || !a.publishAt) return [];
  const Item = {
    ...scheduleEntryKey(a.id),
    ...scheduleIndexKeys({ publishAt: a.publishAt, id: a.id }),
    type: SCHEDULE_ENTRY,
    announcementId: a.id,
    publishAt: a.publishAt,
  };
  return [{ Put: { TableName: table, Item } }];
}

/**
 * DynamoDB's size limits (400 KB an item, 4 MB a transaction) as a 413: the
 * announcement is copied into each of its feeds' entries, so a long body with
 * many tags can exceed them although the request itself is small. Any other
 * error is returned as it is.
 */
export function tooLargeOr(err: unknown, a: Announcement): unknown {
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
export function strip(item: Record<string, unknown>): Record<string, unknown> {
  const { pk: _pk, sk: _sk, gsi1pk: _g1, gsi1sk: _g2, type: _t, ...rest } = item;
  return rest;
}

/** The announcement of a stored item, without the audit record it may carry (remembered for the next replace). */
export function toAnnouncement(item: Record<string, unknown>): Announcement {
  const { pk: _pk, sk: _sk, gsi1pk: _g1, gsi1sk: _g2, type: _t, [CREATE_AUDIT]: carried, ...rest } = item;
  const a = rest as Announcement;
  if (carried) rememberCreateAudit(a, auditEntryOf(carried as Record<string, unknown>));
  return a;
}
