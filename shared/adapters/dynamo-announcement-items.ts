import type { Announcement } from '../domain/announcement';
import type { AuditEntry } from '../domain/audit';
import { HeraldError } from '../domain/errors';
import type { TransactItem } from './dynamo-transact';
import {
  ANNOUNCEMENT,
  AUDIT,
  SCHEDULE_ENTRY,
  announcementKey,
  auditKey,
  listIndexKeys,
  scheduleEntryKey,
  scheduleIndexKeys,
} from './table-keys';

/**
 * The table items of one announcement (the item itself, its audit record, its
 * schedule entry; its feed entries are the publisher's, dynamo-feed-entries) and their way back to domain objects, so
 * the store's methods hold only the transaction logic.
 */
export const announcementItem = (a: Announcement) => ({ ...announcementKey(a.id), ...listIndexKeys(a), type: ANNOUNCEMENT, ...a });

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

/** The announcement of a stored item. */
export function toAnnouncement(item: Record<string, unknown>): Announcement {
  return strip(item) as Announcement;
}
