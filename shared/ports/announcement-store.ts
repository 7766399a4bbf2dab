import type { Announcement } from '../domain/announcement';
import type { AuditEntry } from '../domain/audit';

/** A page of results and the opaque cursor for the next one. */
export type Page<T> = { items: T[]; cursor?: string };

/** Thrown by a store when a conditional write lost a race with another writer. */
export class VersionConflict extends Error {
  override readonly name = 'VersionConflict';
}

/** Thrown by `create` when an unexpired idempotency record with this scope already exists. */
export class DuplicateRequest extends Error {
  override readonly name = 'DuplicateRequest';
}

/** The record that makes a POST idempotent: which request (by hash) created which announcement. */
export type IdempotencyRecord = {
  /** sha256 of the caller and their Idempotency-Key. */
  scope: string;
  /** sha256 of the canonical request body. */
  requestHash: string;
  announcementId: string;
  /** Epoch seconds; DynamoDB's TTL deletes the record some time after this. */
  expiresAt: number;
};

/** Filters for the editors' list; every one optional, all combined with AND. */
export type ListFilter = {
  status?: Announcement['status'];
  tag?: string;
  language?: string;
  /** Inclusive bounds on createdAt, as ISO 8601 UTC strings. */
  from?: string;
  to?: string;
  /** Words the title contains, ignoring case and accents (searchFold). */
  q?: string;
};

/**
 * Where announcements live, for the editors' API and the scheduler (the
 * publisher reads through FeedIndex and FeedRegistry instead). Every write
 * changes the announcement, its schedule entry, its audit record (and an
 * idempotency record) atomically; its feed entries follow from the stream.
 */
export interface AnnouncementStore {
  get(id: string): Promise<Announcement | undefined>;
  /** Newest first by creation time. */
  list(options: { limit: number; cursor?: string; filter?: ListFilter }): Promise<Page<Announcement>>;
  /**
   * Creates `next` with its audit record; fails if the id exists. With an
   * idempotency record, also claims it in the same transaction, or throws
   * DuplicateRequest when an unexpired one holds the scope.
   */
  create(next: Announcement, audit: AuditEntry, idempotency?: IdempotencyRecord): Promise<void>;
  /** Replaces `prev` with `next` only if the stored version is still `prev.version`. */
  replace(next: Announcement, prev: Announcement, audit: AuditEntry): Promise<void>;
  /** Every audit record of one announcement, newest first, the create's included (one read). */
  history(id: string): Promise<AuditEntry[]>;
  /** The unexpired idempotency record of this scope, read consistently. */
  findIdempotency(scope: string, nowEpochSeconds: number): Promise<IdempotencyRecord | undefined>;
  /** Ids of scheduled announcements whose publishAt is at or before `now`, oldest first. */
  dueIds(now: string, limit: number): Promise<string[]>;
}
