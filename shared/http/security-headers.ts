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

/** JSON answers of /api/*: nothing in them may load or run. */
export const API_CSP = "default-src 'none'; frame-ancestors 'none'";

/** One set of security headers, in the terms both CloudFront and a plain HTTP server need. */
export interface SecurityHeaderSet {
  readonly contentSecurityPolicy: string;
  readonly hstsMaxAgeSeconds: number;
  readonly hstsIncludeSubdomains: boolean;
  readonly frameOptions: 'DENY';
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
 * CSP, so the page's style applies, and no referrer, since the URL is a credential.
 */
export type SecurityHeaderKind = 'site' | 'api' | 'page';

/** The two sets for a site at `siteUrl` (the public base URL, no trailing slash). */
export function securityHeaders(siteUrl: string): Readonly<Record<SecurityHeaderKind, SecurityHeaderSet>> {
  return {
    site: { ...common, contentSecurityPolicy: siteCsp(siteUrl) },
    api: { ...common, contentSecurityPolicy: API_CSP },
    page: { ...common, contentSecurityPolicy: siteCsp(siteUrl), referrerPolicy: 'no-referrer' },
  };
}

/** The set as HTTP response headers (lower-case names), for the local runtime. */
export function securityHeaderFields(kind: SecurityHeaderKind, siteUrl: string): Record<string, string> {
  const set = securityHeaders(siteUrl)[kind];
  return {
    'content-security-policy': set.contentSecurityPolicy,
    'strict-transport-security': `max-age=${set.hstsMaxAgeSeconds}${set.hstsIncludeSubdomains ? '; includeSubDomains' : ''}`,
    'x-content-type-options': 'nosniff',
    'x-frame-options': set.frameOptions,
    'referrer-policy': set.referrerPolicy,
  };
}
