import type { Clock } from '../clock';
import { renderMarkdownOnDemand } from '../content/markdown-on-demand';
import type { Announcement, AnnouncementInput } from '../domain/announcement';
import { etagOf } from '../domain/etag';
import { auditOf, type AuditAction, type AuditEntry } from '../domain/audit';
import { NotFoundError, PreconditionFailedError, PreconditionRequiredError } from '../domain/errors';
import type { LinkPolicy } from '../domain/link-policy';
import { effectiveStatus } from '../domain/schedule';
import { displayName, type Principal } from '../principal';

// Re-exported for callers that read it here before it moved to a leaf module.
export type { Clock } from '../clock';
import { VersionConflict, type AnnouncementStore, type ListFilter, type Page } from '../ports/announcement-store';
import { makeDraftOf, refuseBadLinks } from './announcement-draft';
import { makeIdempotentCreate } from './idempotent-create';
import type { MediaFacts } from './media-facts';

/**
 * The editors' operations on announcements. It owns versions, timestamps,
 * schedules, audit records and the Markdown-to-HTML step; the store owns
 * atomicity. With `links`, it refuses links the site's policy would not
 * publish (http when only https is allowed, canonicalUrl on a foreign host).
 * With `facts`, images and attachments that are Herald media files take their
 * type, length and size from the media item before anything is stored.
 */
export function makeAnnouncementService(deps: { store: AnnouncementStore; clock: Clock; newId: () => string; links?: LinkPolicy; facts?: MediaFacts }) {
  const { store, clock } = deps;
  const withFacts = deps.facts ?? (async (input: AnnouncementInput) => input);

  const draftOf = makeDraftOf(deps);
  const checkLinks = (input: AnnouncementInput) => refuseBadLinks(input, deps.links);

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

  return {
    async create(input: AnnouncementInput, by: Principal): Promise<Announcement> {
      const announcement = await draftOf(input, by);
      await store.create(announcement, auditOf('create', undefined, announcement));
      return announcement;
    },

    /** POST with an Idempotency-Key: see idempotent-create.ts. */
    createOnce: makeIdempotentCreate({ store, clock, draftOf, load }),

    get: load,

    list(options: { limit: number; cursor?: string; filter?: ListFilter }): Promise<Page<Announcement>> {
      return store.list(options);
    },

    /** Every recorded change, newest first; 404 for an announcement that does not exist. */
    async history(id: string): Promise<AuditEntry[]> {
      await load(id);
      return store.history(id);
    },

    async update(id: string, given: AnnouncementInput, ifMatch: string | undefined, by: Principal) {
      checkLinks(given);
      const prev = await load(id);
      checkIfMatch(prev, ifMatch);
      const input = await withFacts(given);
      const now = clock().toISOString();
      const { slug, status, publishAt, ...fields } = input;
      const state = effectiveStatus({ status, publishAt }, now);
      const publishedAt = prev.publishedAt ?? (state.status === 'published' ? now : undefined);
      const next: Announcement = {
        ...fields,
        id,
        slug: slug ?? prev.slug,
        bodyHtml: await renderMarkdownOnDemand(input.body),
        ...state,
        createdAt: prev.createdAt,
        updatedAt: now,
        ...(publishedAt ? { publishedAt } : {}),
        // An imported item keeps its old site's entry id through every edit.
        ...(prev.guid ? { guid: prev.guid } : {}),
        version: prev.version + 1,
        createdBy: prev.createdBy,
        updatedBy: displayName(by),
      };
      return replace(next, prev, 'update');
    },

    /** DELETE: the announcement leaves every feed but stays on record. */
    async retract(id: string, ifMatch: string | undefined, by: Principal) {
      const prev = await load(id);
      checkIfMatch(prev, ifMatch);
      if (prev.status === 'retracted') return prev;
      const now = clock().toISOString();
      // A retraction is the editors' own change: it is announced even for an imported item.
      const { publishAt: _dropped, imported: _editorsOwn, ...rest } = prev;
      const next: Announcement = {
        ...rest,
        status: 'retracted',
        retractedAt: now,
        updatedAt: now,
        version: prev.version + 1,
        updatedBy: displayName(by),
      };
      return replace(next, prev, 'retract');
    },
  };
}
export type AnnouncementService = ReturnType<typeof makeAnnouncementService>;
