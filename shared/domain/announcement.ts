import './zod-english';
import * as z from 'zod/mini';
import { formatWallTime, isIanaZone, parseWallTime } from './event-time';
import { oneLine, xmlSafe } from './text';

/**
 * The announcement: the request schemas that guard the admin API and the
 * stored shape that every renderer reads. One file so the two cannot drift.
 */
const text = (max: number) => z.pipe(z.string().check(z.maxLength(max)), z.transform(xmlSafe));
const line = (max: number) => z.pipe(z.string().check(z.maxLength(max)), z.transform((s: string) => oneLine(xmlSafe(s))));
/** A line that must not be empty once cleaned. */
const filledLine = (max: number) => z.pipe(line(max), z.string().check(z.minLength(1, 'must not be empty')));

/** Only web and mail links survive; javascript:, data: and friends are refused. */
export const httpUrl = z.string().check(
  z.maxLength(2048),
  z.refine((s) => {
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
  }, 'must be an absolute http(s) URL, with spaces, quotes, <, >, \\, ^, `, {, |, } and [ ] percent-encoded'),
);

export const LanguageTag = z.string().check(z.regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'must be a BCP 47 language tag such as en or pt-BR'));
// Letters of any script (lowercase where the script has case), digits, their marks; as slugify makes.
const SLUG_FORM = /^[\p{Ll}\p{Lo}\p{Lm}\p{N}][\p{Ll}\p{Lo}\p{Lm}\p{N}\p{M}]*(-[\p{Ll}\p{Lo}\p{Lm}\p{N}][\p{Ll}\p{Lo}\p{Lm}\p{N}\p{M}]*)*$/u;
export const TagName = z.string().check(z.regex(SLUG_FORM, 'must be lowercase letters, digits and single hyphens'), z.maxLength(40));
export const Slug = z.string().check(z.regex(SLUG_FORM, 'must be lowercase letters, digits and single hyphens'), z.maxLength(100));
export const MimeType = z.string().check(
  z.regex(/^[a-z]+\/[a-z0-9][a-z0-9.+-]*$/, 'must be a MIME type such as image/jpeg'),
  z.refine((t) => t !== 'image/jpg', 'image/jpg is not a MIME type; use image/jpeg'),
);

const positiveInt = () => z.number().check(z.int(), z.positive());

export const Status = z.enum(['draft', 'scheduled', 'published']);

/** An ISO 8601 time with an explicit offset ("Z" or "+02:00"), kept as UTC. */
export const OffsetDateTime = z.pipe(
  z.iso.datetime({ offset: true, error: 'must be an ISO 8601 time with an offset, such as 2026-03-16T09:00:00+01:00' }),
  z.transform((s: string) => new Date(s).toISOString()),
);

/** Announcement ids are UUIDs; a translation names the one it translates. */
export const AnnouncementId = z.string().check(z.regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/, 'must be an announcement id'));

/**
 * The composite schemas, built on first use: constructing them is most of
 * what zod costs a cold start (about 10 ms of CPU for AnnouncementInput and
 * its parts), and most cold starts answer a read. The exports below are
 * `z.lazy` wrappers, which parse, fail and convert to JSON Schema exactly as
 * the schemas they wrap.
 */
function composites() {
  const Author = z.strictObject({
    name: filledLine(200),
    email: z.optional(z.email().check(z.maxLength(254))),
    url: z.optional(httpUrl),
  });

  /**
   * The OpenGraph variant (1200 x 630) of a Herald media image, which link
   * previews want. Herald sets it from the media item when the announcement is
   * written; whatever an editor sends here is replaced, or dropped for an image
   * that is not a Herald media file. Accepted on input so a GET can be PUT back.
   */
  const OgImage = z.strictObject({
    url: httpUrl,
    type: MimeType,
    width: positiveInt(),
    height: positiveInt(),
  }).check(z.describe('Set by Herald from the media item (1200 x 630); a value sent is replaced, or dropped when url is not a Herald media file'));

  const FROM_MEDIA = 'A url under SITE_URL/media/{id}/ must name a file of a completed upload; type, length (and for images width, height, og) are then taken from it, replacing what was sent';

  const Image = z.strictObject({
    url: httpUrl,
    alt: line(500),
    caption: z.optional(line(1000)),
    credit: z.optional(line(300)),
    type: z.optional(MimeType),
    length: z.optional(positiveInt()),
    width: z.optional(positiveInt()),
    height: z.optional(positiveInt()),
    og: z.optional(OgImage),
  }).check(z.describe(FROM_MEDIA));

  const Attachment = z.strictObject({
    url: httpUrl,
    title: filledLine(300),
    type: MimeType,
    length: z.optional(positiveInt()),
  }).check(z.describe(FROM_MEDIA));

  /**
   * An event the announcement is about. Times are wall-clock times in
   * `timeZone` as the editor reads them off the invitation (YYYY-MM-DDTHH:MM),
   * or dates when `allDay` (then `end` is the last day, inclusive). Stored in
   * canonical form (seconds added), so calendars and pages agree.
   */
  const EventFields = z.strictObject({
    start: z.string().check(z.maxLength(40)),
    end: z.string().check(z.maxLength(40)),
    allDay: z._default(z.boolean(), false),
    timeZone: z.string().check(z.maxLength(64), z.refine(isIanaZone, 'must be an IANA time zone such as Europe/Zurich')),
    venue: z.optional(line(300)),
    city: z.optional(line(200)),
    country: z.optional(line(200)),
    onlineUrl: z.optional(httpUrl),
    cancelled: z._default(z.boolean(), false),
  });
  const EventInput = z.pipe(
    EventFields,
    z.transform((e: z.output<typeof EventFields>, ctx) => {
      const kind = e.allDay ? 'date' : 'date-time';
      const expected = e.allDay ? 'a date YYYY-MM-DD (allDay)' : 'a local date-time YYYY-MM-DDTHH:MM';
      const start = parseWallTime(e.start, kind);
      const end = parseWallTime(e.end, kind);
      if (!start) ctx.issues.push({ code: 'custom', path: ['start'], message: `must be ${expected}`, input: e });
      if (!end) ctx.issues.push({ code: 'custom', path: ['end'], message: `must be ${expected}`, input: e });
      if (!start || !end) return z.NEVER;
      const [s, t] = [formatWallTime(start, kind), formatWallTime(end, kind)];
      if (e.allDay ? t < s : t <= s) {
        ctx.issues.push({ code: 'custom', path: ['end'], message: e.allDay ? 'must not be before start' : 'must be after start', input: e });
        return z.NEVER;
      }
      return { ...e, start: s, end: t };
    }),
  );

  const fields = {
    title: filledLine(300),
    summary: z._default(text(2000), ''),
    body: z._default(text(60_000), ''),
    language: LanguageTag,
    tags: z._default(z.array(TagName).check(z.maxLength(20)), []).check(z.refine((t) => new Set(t).size === t.length, 'tags must be unique')),
    authors: z._default(z.array(Author).check(z.maxLength(10)), []),
    images: z._default(z.array(Image).check(z.maxLength(10)), []),
    attachments: z._default(z.array(Attachment).check(z.maxLength(20)), []),
    slug: z.optional(Slug),
    canonicalUrl: z.optional(httpUrl),
    status: z._default(Status, 'draft'),
    event: z.optional(EventInput),
    /** The announcement this one translates; the set shares hreflang links. */
    translationOf: z.optional(AnnouncementId),
    /** When a scheduled announcement goes public; a time already past publishes it now. */
    publishAt: z.optional(OffsetDateTime),
  };

  /** What an editor sends to create or replace an announcement. */
  const AnnouncementInput = z.strictObject(fields).check(
    z.superRefine((a, ctx) => {
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
    }),
  );
  return { Author, OgImage, Image, Attachment, EventInput, fields, AnnouncementInput };
}

let built: ReturnType<typeof composites> | undefined;
const parts = () => (built ??= composites());

export const Author = z.lazy(() => parts().Author);
export const OgImage = z.lazy(() => parts().OgImage);
export const Image = z.lazy(() => parts().Image);
export const Attachment = z.lazy(() => parts().Attachment);
export const EventInput = z.lazy(() => parts().EventInput);
export type EventInfo = z.output<typeof EventInput>;
/** The fields of AnnouncementInput, for schemas that extend them (an import item). */
export const announcementFields = () => parts().fields;
/** What an editor sends to create or replace an announcement. */
export const AnnouncementInput = z.lazy(() => parts().AnnouncementInput);
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

/** The strong ETag of one version of an announcement (kept in ./etag.ts, which loads no zod). */
export { etagOf } from './etag';
