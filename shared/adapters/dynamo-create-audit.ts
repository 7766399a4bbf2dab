import type { Announcement } from '../domain/announcement';
import type { AuditEntry } from '../domain/audit';
import { AUDIT_PREFIX, CREATE_AUDIT } from './table-keys';

/**
 * A create's audit record rides on the announcement item (attribute
 * CREATE_AUDIT) instead of an `H#` item of its own, so a plain POST is one
 * conditional PutItem and the record still cannot be lost apart from the
 * announcement. The first replace moves it to its own `H#` item in the same
 * transaction and drops the attribute, so from then on the history has the
 * shape it always had.
 *
 * The domain object never carries the attribute (it must not reach the API,
 * the feeds or the stream's Change); what an item read held is remembered
 * here, keyed by the Announcement object the read returned, so the replace
 * that follows a get knows, without reading again, whether it has a record to
 * move. A replace given an object this module never saw assumes none and
 * conditions on that (the store reads again only if the condition fails).
 */
const embedded = new WeakMap<Announcement, AuditEntry>();

/** Notes that `a`, as stored, carries `entry` (after a create, or a read that found one). */
export function rememberCreateAudit(a: Announcement, entry: AuditEntry): void {
  embedded.set(a, entry);
}

/** The create's audit record the item `a` was read from still carries, if known. */
export function createAuditOf(a: Announcement): AuditEntry | undefined {
  return embedded.get(a);
}

/** An audit record in its API shape and field order, from an `H#` item or an embedded record. */
export function auditEntryOf(r: Record<string, unknown>): AuditEntry {
  const { announcementId, version, action, by, at, changed } = r as AuditEntry;
  return { announcementId, version, action, by, at, changed };
}

/** What history's one Query over a partition projects: the `H#` records' fields and the item's embedded record. */
export const HISTORY_PROJECTION = {
  ProjectionExpression: 'sk, announcementId, #version, #action, #by, #at, changed, #embedded',
  ExpressionAttributeNames: { '#version': 'version', '#action': 'action', '#by': 'by', '#at': 'at', '#embedded': CREATE_AUDIT },
};

/** What a replace reads when it cannot know whether the item still carries its create's record. */
export const CARRIED_PROJECTION = {
  ProjectionExpression: '#version, #embedded',
  ExpressionAttributeNames: { '#version': 'version', '#embedded': CREATE_AUDIT },
};

/**
 * The audit trail, newest first, from the items of an announcement's
 * partition: each `H#` record, and the record embedded in the announcement
 * item (its create's, until the first edit moves it out). An `H#` record wins
 * over an embedded one of the same version, should both ever be read.
 */
export function auditTrailOf(items: Record<string, unknown>[]): AuditEntry[] {
  const byVersion = new Map<number, AuditEntry>();
  for (const item of items) {
    const sk = String(item.sk);
    if (sk.startsWith(AUDIT_PREFIX)) byVersion.set(Number(item.version), auditEntryOf(item));
  }
  for (const item of items) {
    const entry = item[CREATE_AUDIT] as Record<string, unknown> | undefined;
    if (entry && !byVersion.has(Number(entry.version))) byVersion.set(Number(entry.version), auditEntryOf(entry));
  }
  return [...byVersion.values()].sort((a, b) => b.version - a.version);
}
