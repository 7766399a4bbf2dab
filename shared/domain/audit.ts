import type { Announcement } from './announcement';

/** What kind of change an audit record describes. */
export type AuditAction = 'create' | 'update' | 'retract' | 'publish';

/** One change to an announcement: who made it, when, which version it produced, which fields moved. */
export type AuditEntry = {
  announcementId: string;
  version: number;
  action: AuditAction;
  by: string;
  at: string;
  changed: string[];
};

/** Bookkeeping fields that change on every write and so say nothing about what an editor changed. */
const BOOKKEEPING = new Set(['id', 'version', 'createdAt', 'createdBy', 'updatedAt', 'updatedBy', 'bodyHtml']);

/** The content fields that differ between two versions (all set fields of a new one), sorted. */
export function changedFields(prev: Announcement | undefined, next: Announcement): string[] {
  const before = (prev ?? {}) as Record<string, unknown>;
  const after = next as Record<string, unknown>;
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...keys]
    .filter((k) => !BOOKKEEPING.has(k))
    .filter((k) => stableJson(before[k]) !== stableJson(after[k]))
    .sort();
}

/** The audit record of the change from `prev` to `next`: by whoever wrote `next`, when they did. */
export function auditOf(action: AuditAction, prev: Announcement | undefined, next: Announcement): AuditEntry {
  return {
    announcementId: next.id,
    version: next.version,
    action,
    by: next.updatedBy,
    at: next.updatedAt,
    changed: changedFields(prev, next),
  };
}

/** JSON with object keys sorted, so equal values have equal text whatever their key order. */
export function stableJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  ) ?? 'undefined';
}
