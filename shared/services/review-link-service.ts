import { randomBytes, randomUUID } from 'node:crypto';
import type { Clock } from '../clock';
import type { Announcement } from '../domain/announcement';
import { ConflictError, NotFoundError } from '../domain/errors';
import type { ReviewLinkInput } from '../domain/review-link';
import { sha256Hex } from '../hash';
import type { ReviewLinkRecord, ReviewLinkStore, ReviewLinkSummary } from '../ports/review-link-store';
import type { Principal } from '../principal';

/** Where review pages are served on the site: `{SITE_URL}/review/{token}`. */
export const REVIEW_PATH = '/review/';

/** A token as newTokens make it: 32 random bytes (256 bits), base64url. Anything else is not looked up. */
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;

/** A link just made: the only time its URL (and so its token) is ever shown. */
export type IssuedReviewLink = { id: string; url: string; expiresAt: string };

/** Only the read the review links need of the announcements. */
export type AnnouncementReader = { get(id: string): Promise<Announcement | undefined> };

/**
 * Review links: a URL anyone may open to see a draft or scheduled announcement
 * as its page will look, until it expires or an editor revokes it. The token is
 * shown once and stored only as its sha256; a retracted announcement is never
 * shown, whatever links point at it.
 */
export function makeReviewLinkService(deps: {
  links: ReviewLinkStore;
  announcements: AnnouncementReader;
  clock: Clock;
  siteUrl: string;
  newId?: () => string;
  newToken?: () => string;
}) {
  const newId = deps.newId ?? randomUUID;
  const newToken = deps.newToken ?? (() => randomBytes(32).toString('base64url'));
  const nowSeconds = () => Math.floor(deps.clock().getTime() / 1000);
  const iso = (epochSeconds: number) => new Date(epochSeconds * 1000).toISOString();

  async function reviewable(id: string): Promise<Announcement> {
    const found = await deps.announcements.get(id);
    if (!found) throw new NotFoundError(`no announcement with id ${id.slice(0, 64)}`);
    return found;
  }

  return {
    async create(announcementId: string, input: ReviewLinkInput, by: Principal): Promise<IssuedReviewLink> {
      const a = await reviewable(announcementId);
      if (a.status === 'retracted') throw new ConflictError('a retracted announcement cannot be reviewed', [{ path: 'id', message: 'is retracted' }]);
      const token = newToken();
      const now = nowSeconds();
      const record: ReviewLinkRecord = {
        id: newId(),
        announcementId,
        sha256: sha256Hex(token),
        createdBy: by.subject,
        createdAt: iso(now),
        expiresAt: now + input.expiresInHours * 3600,
      };
      await deps.links.create(record);
      return { id: record.id, url: `${deps.siteUrl}${REVIEW_PATH}${token}`, expiresAt: iso(record.expiresAt) };
    },

    /** The announcement's links that still work, newest first; never a token or hash. */
    async list(announcementId: string): Promise<ReviewLinkSummary[]> {
      await reviewable(announcementId);
      const now = nowSeconds();
      return (await deps.links.list(announcementId))
        .filter((l) => l.expiresAt > now)
        .sort((x, y) => (x.createdAt === y.createdAt ? y.id.localeCompare(x.id) : y.createdAt.localeCompare(x.createdAt)))
        .map(({ sha256: _hash, expiresAt, ...rest }) => ({ ...rest, expiresAt: iso(expiresAt) }));
    },

    /** Revokes at once: the public page's lookup is a consistent read of the deleted item. */
    async revoke(announcementId: string, linkId: string): Promise<void> {
      await reviewable(announcementId);
      if (!(await deps.links.revoke(announcementId, linkId))) throw new NotFoundError(`no review link with id ${linkId.slice(0, 64)}`);
    },

    /**
     * The announcement a token shows, or undefined for an unknown, revoked or
     * expired token, a missing announcement or a retracted one: the public page
     * answers all of them alike, so it reveals nothing about what exists.
     */
    async resolve(token: string): Promise<Announcement | undefined> {
      if (!TOKEN_SHAPE.test(token)) return undefined;
      const link = await deps.links.findBySha256(sha256Hex(token));
      if (!link || link.expiresAt <= nowSeconds()) return undefined;
      const a = await deps.announcements.get(link.announcementId);
      return a && a.status !== 'retracted' ? a : undefined;
    },
  };
}
export type ReviewLinkService = ReturnType<typeof makeReviewLinkService>;
