import './zod-english';
import * as z from 'zod/mini';
import { sha256Hex } from '../hash';
import { AnnouncementInput, OffsetDateTime, announcementFields } from './announcement';
import type { ErrorDetail } from './errors';
import { xmlSafe } from './text';
import { IMPORT_BATCH_MAX } from './import-limits';

export { IMPORT_BATCH_MAX } from './import-limits';

/** The fields an imported item adds to an announcement input. */
export const ImportFields = z.strictObject({
  /** The item's id at its old site (RSS guid, Atom id, JSON Feed id, WordPress guid). */
  guid: z
    .pipe(z.string().check(z.trim(), z.minLength(1, 'must not be empty'), z.maxLength(1000)), z.transform(xmlSafe))
    .check(z.describe('the original entry id; urn:uuid:{id} keeps that id')),
  /** HTML content, sanitised and kept as a Markdown body that renders to it; instead of `body`. */
  html: z.optional(z.string().check(z.maxLength(200_000))),
  /** The original first publication: the item lands in that month's archive. */
  publishedAt: OffsetDateTime,
  updatedAt: z.optional(OffsetDateTime),
  createdAt: z.optional(OffsetDateTime),
});

const IMPORT_KEYS = new Set(Object.keys(ImportFields.shape));

/** One item of `POST /api/import`, as the OpenAPI document shows it (checked in two steps, see parseImportItem). */
export const ImportItemDoc = z.lazy(() => {
  const fields = announcementFields();
  return z.object({ ...ImportFields.shape, ...fields, status: fields.status.check(z.describe('default published')) });
});

/** An item of an import, checked: the announcement input and the import's own fields. */
export type ImportItem = { guid: string; input: AnnouncementInput; publishedAt: string; updatedAt: string; createdAt?: string };

/** The request body: 1 to IMPORT_BATCH_MAX items, each checked on its own (a bad item is refused, not the request). */
export const ImportRequest = z.strictObject({ items: z.array(z.unknown()).check(z.minLength(1), z.maxLength(IMPORT_BATCH_MAX)) });

/** What became of one item. */
export type ImportOutcome = 'created' | 'updated' | 'unchanged' | 'refused';
/** `path` is the item's Herald page (/news/{slug}-{id8}/), where redirects from its old URL point. */
export type ImportResult = { guid: string; id?: string; path?: string; outcome: ImportOutcome; errors?: ErrorDetail[] };

const issuesOf = (error: z.core.$ZodError, prefix = ''): ErrorDetail[] =>
  error.issues.map((i) => ({
    path: prefix + (i.code === 'unrecognized_keys' ? i.keys.join(', ') : i.path.map(String).join('.')) || 'item',
    message: i.message,
  }));

/**
 * Checks one raw item: its import fields, then the rest as an announcement
 * input (status published by default; `html` becomes the Markdown `body`
 * through `htmlToBody`). Either the item or every problem, paths named as in
 * the request.
 */
export function parseImportItem(raw: unknown, htmlToBody: (html: string) => string): { item: ImportItem } | { guid: string; errors: ErrorDetail[] } {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return { guid: '', errors: [{ path: 'item', message: 'must be an object' }] };
  const entries = Object.entries(raw as Record<string, unknown>);
  const own = Object.fromEntries(entries.filter(([k]) => IMPORT_KEYS.has(k)));
  const rest = Object.fromEntries(entries.filter(([k]) => !IMPORT_KEYS.has(k)));
  const rawGuid = typeof own.guid === 'string' ? own.guid.trim().slice(0, 1000) : '';
  const fields = ImportFields.safeParse(own);
  const errors: ErrorDetail[] = fields.success ? [] : issuesOf(fields.error);
  if (fields.success && fields.data.html !== undefined && rest.body !== undefined) errors.push({ path: 'html', message: 'give html or body, not both' });
  const body = fields.success && fields.data.html !== undefined ? htmlToBody(fields.data.html) : rest.body;
  const input = AnnouncementInput.safeParse({ status: 'published', ...rest, ...(body !== undefined ? { body } : {}) });
  if (!input.success) errors.push(...issuesOf(input.error));
  if (!fields.success || !input.success || errors.length) return { guid: rawGuid, errors };
  const { guid, publishedAt, createdAt } = fields.data;
  // A source whose "updated" precedes its "published" is read as never updated.
  const updatedAt = fields.data.updatedAt && fields.data.updatedAt > publishedAt ? fields.data.updatedAt : publishedAt;
  return { item: { guid, input: input.data, publishedAt, updatedAt, ...(createdAt ? { createdAt } : {}) } };
}

const URN_UUID = /^urn:uuid:([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/;

/**
 * Herald's id of an imported item, a function of its guid alone, so importing
 * the same source again finds the same announcement. A guid `urn:uuid:X`
 * (what Herald's own feeds and exports carry) keeps X, so an export imported
 * into an empty Herald has the same ids, page paths and entry ids. Any other
 * guid gives a UUID version 8 (RFC 9562) made of its sha256.
 */
export function importIdOf(guid: string): string {
  const own = URN_UUID.exec(guid.toLowerCase());
  if (own) return own[1]!;
  const h = sha256Hex(`herald-import\n${guid}`);
  const variant = ((parseInt(h[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-8${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** The guid to store: none when it is just the URN of the id (the feeds' default). */
export const storedGuidOf = (guid: string, id: string): string | undefined => (guid === `urn:uuid:${id}` ? undefined : guid);
