import { createHash } from 'node:crypto';
import { PAGE_CSS } from '../render/html';
import { FEED_PAGE_CSS, STYLESHEET_KEY } from '../render/stylesheet';

/**
 * Herald's security headers, defined once. The CloudFront response-headers
 * policies (infra/constructs/site-distribution.ts) and the local runtime
 * (infra/local/) are both built from `securityHeaders(siteUrl)`, so a browser sees the
 * same policy from `npm start` as from the distribution.
 */

const styleHash = (css: string) => `'sha256-${createHash('sha256').update(css, 'utf8').digest('base64')}'`;

/** CSP source for the pages' one inline <style>: its sha256, so no 'unsafe-inline' is needed. */
export const PAGE_STYLE_SOURCE = styleHash(PAGE_CSS);

/** The framable news box's page, the one path whose CSP opens frame-ancestors. */
export const EMBED_FRAME_PATH = '/embed/latest.html';

/** The same for the page a browser with XSLT makes of a feed (feeds/feed.xsl). */
export const FEED_PAGE_STYLE_SOURCE = styleHash(FEED_PAGE_CSS);

/**
 * Everything the bucket serves (pages, feeds, calendars): nothing runs, nothing
 * frames it. The one exception is the feeds' XSL stylesheet, which Chromium
 * loads under script-src: allowed by its exact URL on the site (no JavaScript
 * is served from there), so a browser with XSLT can still show a feed as a page.
 */
export const siteCsp = (siteUrl: string) => [
  "default-src 'none'",
  `script-src ${siteUrl}/${STYLESHEET_KEY}`,
  `style-src ${PAGE_STYLE_SOURCE} ${FEED_PAGE_STYLE_SOURCE}`,
  // Announcement images are on the site or any https host (the body sanitiser allows only those).
  "img-src 'self' https:",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

/**
 * The editor (/admin/*): its own hashed script and stylesheet only, nothing
 * inline. The page style's hash is allowed because the live preview is the
 * permalink page in a sandboxed srcdoc iframe, which inherits this policy; the
 * site's origin is named for images since a sandboxed frame's 'self' is opaque.
 * Uploads go straight to the bucket at `uploadOrigin` (s3rver locally, the
 * bucket's regional endpoint in the cloud).
 */
export const adminCsp = (siteUrl: string, uploadOrigin: string) => {
  const site = new URL(siteUrl).origin;
  return [
    "default-src 'none'",
    "script-src 'self'",
    `style-src 'self' ${PAGE_STYLE_SOURCE}`,
    `img-src 'self' data: blob: ${site}`,
    `connect-src 'self' ${uploadOrigin}`,
    // The preview is a srcdoc frame, which frame-src does not govern (checked in Chromium): nothing else may be framed.
    "frame-src 'none'",
    "frame-ancestors 'none'",
    "base-uri 'none'",
    "form-action 'self'",
  ].join('; ');
};

/**
 * The iframe variant of the news box (/embed/latest.html): any site may frame
 * it (frame-ancestors *, and no X-Frame-Options), but it runs only its own
 * module and reads only this site (connect-src 'self'), so it renders no one
 * else's feed. Its styles are constructable stylesheets, which need no style-src.
 */
export const EMBED_FRAME_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "connect-src 'self'",
  "img-src 'self' https:",
  'frame-ancestors *',
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

/** JSON answers of /api/*: nothing in them may load or run. */
export const API_CSP = "default-src 'none'; frame-ancestors 'none'";

/** One set of security headers, in the terms both CloudFront and a plain HTTP server need. */
export interface SecurityHeaderSet {
  readonly contentSecurityPolicy: string;
  readonly hstsMaxAgeSeconds: number;
  readonly hstsIncludeSubdomains: boolean;
  /** Absent only where framing is the point (`embed`); CSP frame-ancestors governs it then. */
  readonly frameOptions?: 'DENY';
  readonly referrerPolicy: 'strict-origin-when-cross-origin' | 'no-referrer';
}

const common = {
  hstsMaxAgeSeconds: 730 * 24 * 3600,
  hstsIncludeSubdomains: true,
  frameOptions: 'DENY',
  referrerPolicy: 'strict-origin-when-cross-origin',
} as const;

/**
 * Which set: `site` for every bucket object, `api` for every /api/* answer, `page`
 * for HTML a function renders on a public site path (`/review/{token}`): the site's
 * CSP, so the page's style applies, and no referrer, since the URL is a credential;
 * `embed` for the one framable page, the news box at /embed/latest.html.
 */
export type SecurityHeaderKind = 'site' | 'api' | 'page' | 'admin' | 'embed';

/**
 * The sets for a site at `siteUrl` (the public base URL, no trailing slash).
 * `uploadOrigin` is where browsers POST uploads (the editor's connect-src);
 * without it, the site's own origin. `admin` is the editor's set: no referrer,
 * since its URL may carry an invitation in the fragment (never sent, but kept tight).
 */
export function securityHeaders(siteUrl: string, uploadOrigin?: string): Readonly<Record<SecurityHeaderKind, SecurityHeaderSet>> {
  return {
    site: { ...common, contentSecurityPolicy: siteCsp(siteUrl) },
    api: { ...common, contentSecurityPolicy: API_CSP },
    page: { ...common, contentSecurityPolicy: siteCsp(siteUrl), referrerPolicy: 'no-referrer' },
    admin: { ...common, contentSecurityPolicy: adminCsp(siteUrl, uploadOrigin ?? new URL(siteUrl).origin), referrerPolicy: 'no-referrer' },
    embed: { ...common, contentSecurityPolicy: EMBED_FRAME_CSP, frameOptions: undefined },
  };
}

const builtFields = new Map<string, Readonly<Record<string, string>>>();

/** The set as HTTP response headers (lower-case names), for the local runtime. */
export function securityHeaderFields(kind: SecurityHeaderKind, siteUrl: string, uploadOrigin?: string): Readonly<Record<string, string>> {
  // Built once per site: the local server asks on every request, and every set's CSP is built with them.
  const key = `${kind} ${siteUrl} ${uploadOrigin ?? ''}`;
  let fields = builtFields.get(key);
  if (!fields) {
    if (builtFields.size > 64) builtFields.clear();
    builtFields.set(key, (fields = Object.freeze(fieldsOf(securityHeaders(siteUrl, uploadOrigin)[kind]))));
  }
  return fields;
}


function fieldsOf(set: SecurityHeaderSet): Record<string, string> {
  return {
    'content-security-policy': set.contentSecurityPolicy,
    'strict-transport-security': `max-age=${set.hstsMaxAgeSeconds}${set.hstsIncludeSubdomains ? '; includeSubDomains' : ''}`,
    'x-content-type-options': 'nosniff',
    ...(set.frameOptions ? { 'x-frame-options': set.frameOptions } : {}),
    'referrer-policy': set.referrerPolicy,
  };
}
