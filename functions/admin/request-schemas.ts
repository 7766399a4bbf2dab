import '../../shared/domain/zod-english';
import * as z from 'zod/mini';
import { AnnouncementInput, LanguageTag, OffsetDateTime, TagName } from '../../shared/domain/announcement';
import { ImportItemDoc, ImportRequest } from '../../shared/domain/import-item';
import { IMPORT_BATCH_MAX } from '../../shared/domain/import-limits';
import { ReviewLinkInput } from '../../shared/domain/review-link';
import { TokenInput } from '../../shared/domain/token';

/**
 * Every request schema of the admin API, in one module that the routes
 * load on the first request that parses something (`requestSchemas()` in
 * route-types.ts): zod and these schemas are then not evaluated at a cold
 * start that answers a read by id, a history, a retraction or a probe. The
 * route docs name them (`SchemaName`); functions/admin/openapi.ts resolves
 * the names at build time.
 */
export { AnnouncementInput, ImportRequest, ReviewLinkInput, TokenInput };

/** The list's query string; an unknown or malformed parameter is a 400 that names it. */
export const ListQuery = z
  .strictObject({
    limit: z._default(z.coerce.number().check(z.int(), z.minimum(1), z.maximum(100)), 20),
    cursor: z.optional(z.string().check(z.maxLength(2000))),
    status: z.optional(z.enum(['draft', 'scheduled', 'published', 'retracted'])),
    tag: z.optional(TagName),
    language: z.optional(LanguageTag),
    /** Inclusive bounds on the creation time. */
    from: z.optional(OffsetDateTime),
    to: z.optional(OffsetDateTime),
    /** Words every listed title contains, ignoring case and accents. */
    q: z.optional(z.string().check(z.trim(), z.minLength(1), z.maxLength(200))),
  })
  .check(z.refine((q) => !q.from || !q.to || q.from <= q.to, { path: ['to'], message: 'must not be before from' }));

/** Idempotency-Key: what Stripe and the IETF draft allow, 1 to 255 visible ASCII characters. */
export const IdempotencyKey = z.string().check(z.regex(/^[\x21-\x7e]{1,255}$/, 'must be 1 to 255 visible ASCII characters'));

/** If-Match, as documented: the ETag last read (the service checks it). */
export const IfMatch = z.string().check(z.minLength(1));

/** POST /api/import's query string. */
export const ImportQuery = z.strictObject({ dryRun: z.optional(z.enum(['true', 'false'])) });

/** POST /api/import's body as documented: each item as an announcement plus its import fields (ImportRequest parses items one by one). */
export const ImportBodyDoc = z.strictObject({ items: z.array(ImportItemDoc).check(z.minLength(1), z.maxLength(IMPORT_BATCH_MAX)) });
