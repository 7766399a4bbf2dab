import '../domain/zod-english';
import * as z from 'zod/mini';

/**
 * Redirects from an organisation's old site to Herald's pages (issue 14). The
 * rules live here once, so the API, the local server and the CloudFront
 * KeyValueStore (keys at most 512 bytes, values at most 1 KB) agree on them.
 */

/** The most bytes a `from` may have: a CloudFront KeyValueStore key's limit. */
export const FROM_MAX_BYTES = 512;
/** The most bytes a `to` may have: a KeyValueStore value's limit. */
export const TO_MAX_BYTES = 1024;

// Tabs and newlines are checked before URL parsing, which would silently drop them.
const CONTROL = /[\u0000-\u001f\u007f]/;

/**
 * The form a path is stored and looked up in: what a browser sends (non-ASCII
 * and spaces percent-encoded, dot segments resolved), path plus query.
 */
export function normalisePath(raw: string): string {
  const u = new URL(raw, 'http://h.invalid');
  return `${u.pathname}${u.search}`;
}

const pathField = (what: 'from' | 'to', max: number) =>
  z
    .pipe(
      z.string().check(
        z.minLength(1, { error: 'is required', abort: true }),
        z.refine((s) => !CONTROL.test(s), { error: 'must not contain control characters', abort: true }),
        z.refine((s) => s.startsWith('/') && !s.startsWith('//'), { error: 'must be a path starting with one "/" (no scheme or host)', abort: true }),
        z.refine((s) => !s.includes('\\'), { error: 'must not contain a backslash (browsers read "/\\" as "//")', abort: true }),
        z.refine((s) => !s.includes('#'), { error: 'must not contain a fragment (#)', abort: true }),
      ),
      z.transform((s: string) => normalisePath(s)),
    )
    .check(
      z.refine((s) => !s.startsWith('//'), `must not resolve to "//"`),
      z.refine((s) => Buffer.byteLength(s) <= max, `must be at most ${max} bytes once percent-encoded`),
      z.describe(what === 'from' ? 'a path (and query) on the old site, e.g. /?p=123' : 'a path on this site, e.g. /news/slug-1a2b3c4d/'),
    );

/** One redirect as the API takes it. */
export const RedirectPair = z.strictObject({ from: pathField('from', FROM_MAX_BYTES), to: pathField('to', TO_MAX_BYTES) });
export type RedirectPair = z.output<typeof RedirectPair>;

/** `PUT /api/redirects`: 1 to 100 pairs, each `from` once. */
export const PutRedirects = z.strictObject({
  redirects: z.array(RedirectPair).check(
    z.minLength(1),
    z.maxLength(100),
    z.superRefine((pairs, ctx) => {
      const seen = new Map<string, number>();
      pairs.forEach((p, i) => {
        const first = seen.get(p.from);
        if (first !== undefined) ctx.addIssue({ code: 'custom', path: [i, 'from'], message: `repeats redirects.${first}.from` });
        else seen.set(p.from, i);
      });
    }),
  ),
});
export type PutRedirects = z.output<typeof PutRedirects>;

/** `GET /api/redirects` query. */
export const RedirectListQuery = z.strictObject({
  limit: z._default(z.coerce.number().check(z.int(), z.minimum(1), z.maximum(1000)), 100),
  cursor: z.optional(z.string().check(z.maxLength(2000))),
});

/** `DELETE /api/redirects?from=`: the same rules as a stored `from`. */
export const RedirectDeleteQuery = z.strictObject({ from: pathField('from', FROM_MAX_BYTES) });

/** A stored redirect. */
export type Redirect = RedirectPair & { updatedAt: string };

/**
 * The keys a request is looked up under, most specific first: its path with
 * the query, then (when there is a query) the path alone, so `/about/?utm=x`
 * still finds `/about/`. The CloudFront Function (infra/edge/redirects.js) does the same.
 */
export function lookupKeys(pathname: string, search: string): string[] {
  return search && search !== '?' ? [`${pathname}${search}`, pathname] : [pathname];
}
