import { renderMarkdown } from '../content/markdown';
import type { Announcement, AnnouncementInput } from '../domain/announcement';
import { etagOf } from '../domain/announcement';
import { NotFoundError, PreconditionFailedError, PreconditionRequiredError } from '../domain/errors';
import { slugify } from '../domain/text';
import { VersionConflict, type AnnouncementStore, type Page } from '../ports/announcement-store';
import type { Principal } from './token-verifier';

export type Clock = () => Date;

/**
 * The editors' operations on announcements. It owns versions, timestamps and
 * the Markdown-to-HTML step; the store owns atomicity.
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

  async function replace(next: Announcement, prev: Announcement): Promise<Announcement> {
    try {
      await store.replace(next, prev);
      return next;
    } catch (err) {
      if (!(err instanceof VersionConflict)) throw err;
      const current = await load(prev.id);
      throw new PreconditionFailedError(current.version);
    }
  }

  return {
    async create(input: AnnouncementInput, by: Principal): Promise<Announcement> {
      const now = clock().toISOString();
      const id = deps.newId();
      const { slug, status, ...fields } = input;
      const announcement: Announcement = {
        ...fields,
        id,
        slug: slug ?? (slugify(input.title) || id.slice(0, 8)),
        bodyHtml: renderMarkdown(input.body),
        status,
        createdAt: now,
        updatedAt: now,
        ...(status === 'published' ? { publishedAt: now } : {}),
        version: 1,
        createdBy: by.subject,
        updatedBy: by.subject,
      };
      await store.create(announcement);
      return announcement;
    },

    get: load,

    list(options: { limit: number; cursor?: string }): Promise<Page<Announcement>> {
      return store.list(options);
    },

    async update(id: string, input: AnnouncementInput, ifMatch: string | undefined, by: Principal) {
      const prev = await load(id);
      checkIfMatch(prev, ifMatch);
      const now = clock().toISOString();
      const { slug, status, ...fields } = input;
      const publishedAt = prev.publishedAt ?? (status === 'published' ? now : undefined);
      const next: Announcement = {
        ...fields,
        id,
        slug: slug ?? prev.slug,
        bodyHtml: renderMarkdown(input.body),
        status,
        createdAt: prev.createdAt,
        updatedAt: now,
        ...(publishedAt ? { publishedAt } : {}),
        version: prev.version + 1,
        createdBy: prev.createdBy,
        updatedBy: by.subject,
      };
      return replace(next, prev);
    },

    /** DELETE: the announcement leaves every feed but stays on record. */
    async retract(id: string, ifMatch: string | undefined, by: Principal) {
      const prev = await load(id);
      checkIfMatch(prev, ifMatch);
      if (prev.status === 'retracted') return prev;
      const now = clock().toISOString();
      const next: Announcement = {
        ...prev,
        status: 'retracted',
        retractedAt: now,
        updatedAt: now,
        version: prev.version + 1,
        updatedBy: by.subject,
      };
      return replace(next, prev);
    },
  };
}
export type AnnouncementService = ReturnType<typeof makeAnnouncementService>;
