import { createHash } from 'node:crypto';
import { PAGE_CSS } from '../render/html';

/**
 * Herald's security headers, defined once. The CloudFront response-headers
 * policies (infra/constructs/site-distribution.ts) and the local runtime
 * (infra/local/) are both built from `SECURITY_HEADERS`, so a browser sees the
 * same policy from `npm start` as from the distribution.
 */

/** CSP source for the pages' one inline <style>: its sha256, so no 'unsafe-inline' is needed. */
export const PAGE_STYLE_SOURCE = `'sha256-${createHash('sha256').update(PAGE_CSS, 'utf8').digest('base64')}'`;

/** Everything the bucket serves (pages, feeds, calendars): nothing runs, nothing frames it. */
export const SITE_CSP = [
  "default-src 'none'",
  `style-src ${PAGE_STYLE_SOURCE}`,
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
  readonly referrerPolicy: 'strict-origin-when-cross-origin';
}

const common = {
  hstsMaxAgeSeconds: 730 * 24 * 3600,
  hstsIncludeSubdomains: true,
  frameOptions: 'DENY',
  referrerPolicy: 'strict-origin-when-cross-origin',
} as const;

/** The two sets: `site` for every bucket object, `api` for every /api/* answer. */
export const SECURITY_HEADERS: Readonly<Record<'site' | 'api', SecurityHeaderSet>> = {
  site: { ...common, contentSecurityPolicy: SITE_CSP },
  api: { ...common, contentSecurityPolicy: API_CSP },
};

/** The set as HTTP response headers (lower-case names), for the local runtime. */
export function securityHeaderFields(kind: keyof typeof SECURITY_HEADERS): Record<string, string> {
  const set = SECURITY_HEADERS[kind];
  return {
    'content-security-policy': set.contentSecurityPolicy,
    'strict-transport-security': `max-age=${set.hstsMaxAgeSeconds}${set.hstsIncludeSubdomains ? '; includeSubDomains' : ''}`,
    'x-content-type-options': 'nosniff',
    'x-frame-options': set.frameOptions,
    'referrer-policy': set.referrerPolicy,
  };
}
