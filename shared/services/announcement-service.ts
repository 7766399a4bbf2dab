import { renderMarkdown } from '../content/markdown';
import type { Announcement, AnnouncementInput } from '../domain/announcement';
import { etagOf } from '../domain/announcement';
import { changedFields, stableJson, type AuditAction, type AuditEntry } from '../domain/audit';
import {
  NotFoundError,
  PreconditionFailedError,
  PreconditionRequiredError,
  UnprocessableError,
} from '../domain/errors';
import { slugify } from '../domain/text';
import {
  DuplicateRequest,
  VersionConflict,
  type AnnouncementStore,
  type ListFilter,
  type Page,
} from '../ports/announcement-store';
import { sha256Hex, type Principal } from './token-verifier';

export type Clock = () => Date;

/** How long an Idempotency-Key is remembered: a day covers any client's retries. */
export const IDEMPOTENCY_TTL_SECONDS = 24 * 60 * 60;

/** A scheduled time already reached publishes now: the stored status says what the feeds should show. */
export function effectiveStatus(
  input: Pick<AnnouncementInput, 'status' | 'publishAt'>,
  now: string,
): Pick<Announcement, 'status' | 'publishAt'> {
  // The schema already gives UTC; normalising again keeps string comparison (and gsi1 order) sound.
  const publishAt = input.publishAt === undefined ? undefined : new Date(input.publishAt).toISOString();
  if (input.status === 'scheduled' && publishAt !== undefined && publishAt > now) {
    return { status: 'scheduled', publishAt };
  }
  return { status: input.status === 'scheduled' ? 'published' : input.status };
}

/** The audit record of the change from `prev` to `next`. */
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

/**
 * The editors' operations on announcements. It owns versions, timestamps,
 * schedules, audit records and the Markdown-to-HTML step; the store owns
 * atomicity.
 */
export function makeAnnouncementService(deps: { store: AnnouncementStore; clock: Clock; newId: () => string }) {
  const { store, clock } = deps;

  async function load(id: string): Promise<Announcement> {
    const found = await store.get(id);
    if (!found) throw new NotFoundError(`no announcement with id ${id}`);
    return found;
  }

  /** Checks If-Match against the stored version; `*` matches any existing version. */
  function checkIfMatch(current: Announcement, ifMatch: string | undefined): void {
    if (ifMatch === undefined) throw new PreconditionRequiredError();
    const tags = ifMatch.split(',').map((t) => t.trim().replace(/^W\//, ''));
    if (!tags.includes('*') && !tags.includes(etagOf(current))) {
      throw new PreconditionFailedError(current.version);
    }
  }

  async function replace(next: Announcement, prev: Announcement, action: AuditAction): Promise<Announcement> {
    try {
      await store.replace(next, prev, auditOf(action, prev, next));
      return next;
    } catch (err) {
      if (!(err instanceof VersionConflict)) throw err;
      const current = await load(prev.id);
      throw new PreconditionFailedError(current.version);
    }
  }

  /** The new announcement an input describes, not yet stored. */
  function draftOf(input: AnnouncementInput, by: Principal): Announcement {
    const now = clock().toISOString();
    const id = deps.newId();
    const { slug, status, publishAt, ...fields } = input;
    const state = effectiveStatus({ status, publishAt }, now);
    return {
      ...fields,
      id,
      slug: slug ?? (slugify(input.title) || id.slice(0, 8)),
      bodyHtml: renderMarkdown(input.body),
      ...state,
      createdAt: now,
      updatedAt: now,
      ...(state.status === 'published' ? { publishedAt: now } : {}),
      version: 1,
      createdBy: by.subject,
      updatedBy: by.subject,
    };
  }

  return {
    async create(input: AnnouncementInput, by: Principal): Promise<Announcement> {
      const announcement = draftOf(input, by);
      await store.create(announcement, auditOf('create', undefined, announcement));
      return announcement;
    },

    /**
     * POST with an Idempotency-Key. The key (scoped to the caller) is claimed
     * by a conditional put in the same TransactWriteItems as the announcement,
     * so a key can never be claimed without its announcement or vice versa,
     * and of any number of concurrent duplicates exactly one commits. The
     * others, and later retries, find the record and replay: same id, 201.
     * The same key with a different body is a 422. Records expire (DynamoDB
     * TTL on `expiresAt`) after IDEMPOTENCY_TTL_SECONDS.
     *
     * Not the Powertools idempotency utility: it persists an INPROGRESS record
     * and later the response, in writes separate from the create, so a crash
     * between them leaves a key claimed with no announcement (or the reverse),
     * and concurrent duplicates get an in-progress error rather than the
     * answer. One transaction is stronger and needs no extra dependency.
     */
    async createOnce(
      input: AnnouncementInput,
      by: Principal,
      key: string,
    ): Promise<{ announcement: Announcement; replayed: boolean }> {
      const scope = sha256Hex(`${by.subject}\n${key}`);
      const requestHash = sha256Hex(stableJson(input));
      for (let attempt = 0; attempt < 3; attempt++) {
        const nowSeconds = Math.floor(clock().getTime() / 1000);
        const held = await store.findIdempotency(scope, nowSeconds);
        if (held) {
          if (held.requestHash !== requestHash) {
            throw new UnprocessableError(
              'idempotency_key_reused',
              'this Idempotency-Key was used with a different body; use a new key for a new announcement',
            );
          }
          return { announcement: await load(held.announcementId), replayed: true };
        }
        const announcement = draftOf(input, by);
        const record = { scope, requestHash, announcementId: announcement.id, expiresAt: nowSeconds + IDEMPOTENCY_TTL_SECONDS };
        try {
          await store.create(announcement, auditOf('create', undefined, announcement), record);
          return { announcement, replayed: false };
        } catch (err) {
          // Another request with this key committed first; the next round replays it.
          if (!(err instanceof DuplicateRequest)) throw err;
        }
      }
      throw new Error('idempotency record neither claimable nor readable');
    },

    get: load,

    list(options: { limit: number; cursor?: string; filter?: ListFilter }): Promise<Page<Announcement>> {
      return store.list(options);
    },

    /** Every recorded change, newest first; 404 for an announcement that does not exist. */
    async history(id: string): Promise<AuditEntry[]> {
      await load(id);
      return store.history(id);
    },

    async update(id: string, input: AnnouncementInput, ifMatch: string | undefined, by: Principal) {
      const prev = await load(id);
      checkIfMatch(prev, ifMatch);
      const now = clock().toISOString();
      const { slug, status, publishAt, ...fields } = input;
      const state = effectiveStatus({ status, publishAt }, now);
      const publishedAt = prev.publishedAt ?? (state.status === 'published' ? now : undefined);
      const next: Announcement = {
        ...fields,
        id,
        slug: slug ?? prev.slug,
        bodyHtml: renderMarkdown(input.body),
        ...state,
        createdAt: prev.createdAt,
        updatedAt: now,
        ...(publishedAt ? { publishedAt } : {}),
        version: prev.version + 1,
        createdBy: prev.createdBy,
        updatedBy: by.subject,
      };
      return replace(next, prev, 'update');
    },

    /** DELETE: the announcement leaves every feed but stays on record. */
    async retract(id: string, ifMatch: string | undefined, by: Principal) {
      const prev = await load(id);
      checkIfMatch(prev, ifMatch);
      if (prev.status === 'retracted') return prev;
      const now = clock().toISOString();
      const { publishAt: _dropped, ...rest } = prev;
      const next: Announcement = {
        ...rest,
        status: 'retracted',
        retractedAt: now,
        updatedAt: now,
        version: prev.version + 1,
        updatedBy: by.subject,
      };
      return replace(next, prev, 'retract');
    },
  };
}
export type AnnouncementService = ReturnType<typeof makeAnnouncementService>;
