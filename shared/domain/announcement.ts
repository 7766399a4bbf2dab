import * as z from 'zod';
import { formatWallTime, isIanaZone, parseWallTime } from './event-time';
import { oneLine, xmlSafe } from './text';

/**
 * The announcement: the request schemas that guard the admin API and the
 * stored shape that every renderer reads. One file so the two cannot drift.
 */
const text = (max: number) => z.string().max(max).transform(xmlSafe);
const line = (max: number) => z.string().max(max).transform((s) => oneLine(xmlSafe(s)));

/** Only web and mail links survive; javascript:, data: and friends are refused. */
export const httpUrl = z
  .string()
  .max(2048)
  .refine((s) => {
    try {
      const u = new URL(s);
      // The URL parser accepts (and percent-encodes) controls, spaces, quotes and
      // angle brackets, but the raw string is what is stored and syndicated, so
      // it must already be a URI (RFC 3986): brackets only around an IPv6 host.
      const path = s.replace(/^[a-z]+:\/\/[^/?#]*/i, '');
      return (
        (u.protocol === 'https:' || u.protocol === 'http:') &&
        s === s.trim() &&
        xmlSafe(s) === s &&
        !/[\u0000-\u0020\u007F"<>\\^`{|}]/.test(s) &&
        !/[[\]]/.test(path)
      );
    } catch {
      return false;
    }
  }, 'must be an absolute http(s) URL, with spaces, quotes, <, >, \\, ^, `, {, |, } and [ ] percent-encoded');

export const LanguageTag = z
  .string()
  .regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'must be a BCP 47 language tag such as en or pt-BR');
export const TagName = z
  .string()
  // Letters of any script (lowercase where the script has case), digits, their marks; as slugify makes.
  .regex(/^[\p{Ll}\p{Lo}\p{Lm}\p{N}][\p{Ll}\p{Lo}\p{Lm}\p{N}\p{M}]*(-[\p{Ll}\p{Lo}\p{Lm}\p{N}][\p{Ll}\p{Lo}\p{Lm}\p{N}\p{M}]*)*$/u, 'must be lowercase letters, digits and single hyphens')
  .max(40);
export const Slug = z
  .string()
  // Letters of any script (lowercase where the script has case), digits, their marks; as slugify makes.
  .regex(/^[\p{Ll}\p{Lo}\p{Lm}\p{N}][\p{Ll}\p{Lo}\p{Lm}\p{N}\p{M}]*(-[\p{Ll}\p{Lo}\p{Lm}\p{N}][\p{Ll}\p{Lo}\p{Lm}\p{N}\p{M}]*)*$/u, 'must be lowercase letters, digits and single hyphens')
  .max(100);
export const MimeType = z
  .string()
  .regex(/^[a-z]+\/[a-z0-9][a-z0-9.+-]*$/, 'must be a MIME type such as image/jpeg')
  .refine((t) => t !== 'image/jpg', 'image/jpg is not a MIME type; use image/jpeg');

export const Author = z.strictObject({
  name: line(200).pipe(z.string().min(1, 'must not be empty')),
  email: z.email().max(254).optional(),
  url: httpUrl.optional(),
});

/**
 * The OpenGraph variant (1200 x 630) of a Herald media image, which link
 * previews want. Herald sets it from the media item when the announcement is
 * written; whatever an editor sends here is replaced, or dropped for an image
 * that is not a Herald media file. Accepted on input so a GET can be PUT back.
 */
export const OgImage = z.strictObject({
  url: httpUrl,
  type: MimeType,
  width: z.number().int().positive(),
  height: z.number().int().positive(),
}).describe('Set by Herald from the media item (1200 x 630); a value sent is replaced, or dropped when url is not a Herald media file');

const FROM_MEDIA = 'A url under SITE_URL/media/{id}/ must name a file of a completed upload; type, length (and for images width, height, og) are then taken from it, replacing what was sent';

export const Image = z.strictObject({
  url: httpUrl,
  alt: line(500),
  caption: line(1000).optional(),
  credit: line(300).optional(),
  type: MimeType.optional(),
  length: z.number().int().positive().optional(),
  width: z.number().int().positive().optional(),
  height: z.number().int().positive().optional(),
  og: OgImage.optional(),
}).describe(FROM_MEDIA);

export const Attachment = z.strictObject({
  url: httpUrl,
  title: line(300).pipe(z.string().min(1, 'must not be empty')),
  type: MimeType,
  length: z.number().int().positive().optional(),
}).describe(FROM_MEDIA);

export const Status = z.enum(['draft', 'scheduled', 'published']);

/** An ISO 8601 time with an explicit offset ("Z" or "+02:00"), kept as UTC. */
export const OffsetDateTime = z.iso
  .datetime({ offset: true, error: 'must be an ISO 8601 time with an offset, such as 2026-03-16T09:00:00+01:00' })
  .transform((s) => new Date(s).toISOString());

/**
 * An event the announcement is about. Times are wall-clock times in
 * `timeZone` as the editor reads them off the invitation (YYYY-MM-DDTHH:MM),
 * or dates when `allDay` (then `end` is the last day, inclusive). Stored in
 * canonical form (seconds added), so calendars and pages agree.
 */
export const EventInput = z
  .strictObject({
    start: z.string().max(40),
    end: z.string().max(40),
    allDay: z.boolean().default(false),
    timeZone: z.string().max(64).refine(isIanaZone, 'must be an IANA time zone such as Europe/Zurich'),
    venue: line(300).optional(),
    city: line(200).optional(),
    country: line(200).optional(),
    onlineUrl: httpUrl.optional(),
    cancelled: z.boolean().default(false),
  })
  .transform((e, ctx) => {
    const kind = e.allDay ? 'date' : 'date-time';
    const expected = e.allDay ? 'a date YYYY-MM-DD (allDay)' : 'a local date-time YYYY-MM-DDTHH:MM';
    const start = parseWallTime(e.start, kind);
    const end = parseWallTime(e.end, kind);
    if (!start) ctx.addIssue({ code: 'custom', path: ['start'], message: `must be ${expected}` });
    if (!end) ctx.addIssue({ code: 'custom', path: ['end'], message: `must be ${expected}` });
    if (!start || !end) return z.NEVER;
    const [s, t] = [formatWallTime(start, kind), formatWallTime(end, kind)];
    if (e.allDay ? t < s : t <= s) {
      ctx.addIssue({ code: 'custom', path: ['end'], message: e.allDay ? 'must not be before start' : 'must be after start' });
      return z.NEVER;
    }
    return { ...e, start: s, end: t };
  });
export type EventInfo = z.output<typeof EventInput>;

/** Announcement ids are UUIDs; a translation names the one it translates. */
export const AnnouncementId = z
  .string()
  .regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/, 'must be an announcement id');

/** What an editor sends to create or replace an announcement. */
export const AnnouncementInput = z.strictObject({
  title: line(300).pipe(z.string().min(1, 'must not be empty')),
  summary: text(2000).default(''),
  body: text(60_000).default(''),
  language: LanguageTag,
  tags: z
    .array(TagName)
    .max(20)
    .default([])
    .refine((t) => new Set(t).size === t.length, 'tags must be unique'),
  authors: z.array(Author).max(10).default([]),
  images: z.array(Image).max(10).default([]),
  attachments: z.array(Attachment).max(20).default([]),
  slug: Slug.optional(),
  canonicalUrl: httpUrl.optional(),
  status: Status.default('draft'),
  event: EventInput.optional(),
  /** The announcement this one translates; the set shares hreflang links. */
  translationOf: AnnouncementId.optional(),
  /** When a scheduled announcement goes public; a time already past publishes it now. */
  publishAt: OffsetDateTime.optional(),
}).superRefine((a, ctx) => {
  if (a.status === 'scheduled' && a.publishAt === undefined) {
    ctx.addIssue({ code: 'custom', path: ['publishAt'], message: 'is required when status is scheduled' });
  }
  if (a.status !== 'scheduled' && a.publishAt !== undefined) {
    ctx.addIssue({ code: 'custom', path: ['publishAt'], message: 'is only allowed when status is scheduled' });
  }
  // A draft may wait for its alt text; nothing goes public with an image a screen reader cannot describe.
  if (a.status === 'published' || a.status === 'scheduled') {
    a.images.forEach((image, i) => {
      if (!image.alt) ctx.addIssue({ code: 'custom', path: ['images', i, 'alt'], message: 'is required before an announcement with an image is published or scheduled' });
    });
  }
});
export type AnnouncementInput = z.output<typeof AnnouncementInput>;

export type Author = z.output<typeof Author>;
export type Image = z.output<typeof Image>;
export type Attachment = z.output<typeof Attachment>;
export type AnnouncementStatus = z.output<typeof Status> | 'retracted';

/** The stored announcement, as the store returns it and the feeds render it. */
export type Announcement = Omit<AnnouncementInput, 'status' | 'slug'> & {
  id: string;
  slug: string;
  bodyHtml: string;
  status: AnnouncementStatus;
  createdAt: string;
  updatedAt: string;
  /** First time it went public; kept across edits so guid order is stable. */
  publishedAt?: string;
  retractedAt?: string;
  version: number;
  createdBy: string;
  updatedBy: string;
  /** The entry id an imported item had at its old site; feeds keep it, so readers see no duplicate. */
  guid?: string;
  /** Set on a version written by `POST /api/import`: no hub ping, no fediverse delivery, no webhook. */
  imported?: true;
};

/** The strong ETag of one version of an announcement. */
export const etagOf = (a: Pick<Announcement, 'version'>): string => `"v${a.version}"`;
