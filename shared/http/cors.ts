/**
 * Cross-origin reads of the public feeds, calendars and the embed module,
 * defined once. The CloudFront response-headers policy of those paths
 * (infra/constructs/site-distribution.ts), the edge function that answers
 * their preflight (infra/edge/directory-index.js) and `npm start`
 * (infra/local/static-objects.ts) are all built from `FEEDS_CORS`, so a partner
 * site's browser code sees the same answer from both runtimes. Anyone may
 * read (`*`), nobody with credentials; /api/* and /admin/* stay same-origin.
 */
export interface CorsRule {
  readonly allowOrigin: '*';
  readonly allowMethods: readonly ('GET' | 'HEAD' | 'OPTIONS')[];
  /** Request headers a preflight may ask for: the conditional GET's, nothing that carries identity. */
  readonly allowHeaders: readonly string[];
  readonly exposeHeaders: readonly string[];
  readonly maxAgeSeconds: number;
  readonly allowCredentials: false;
}

/** The rule for /feeds/** and /embed/**. */
export const FEEDS_CORS: CorsRule = {
  allowOrigin: '*',
  allowMethods: ['GET', 'HEAD', 'OPTIONS'],
  allowHeaders: ['If-None-Match', 'If-Modified-Since', 'Cache-Control'],
  exposeHeaders: ['ETag', 'Last-Modified'],
  maxAgeSeconds: 86_400,
  allowCredentials: false,
};

/** URL path prefixes the rule covers (everything else, /api/* included, is same-origin only). */
export const CORS_PATH_PREFIXES: readonly string[] = ['/feeds/', '/embed/'];

/** Whether a URL path is readable cross-origin. */
export const isCorsPath = (pathname: string): boolean => CORS_PATH_PREFIXES.some((p) => pathname.startsWith(p));

/** Headers on every GET/HEAD answer (404 and 304 included) of a CORS path, lower-case names. */
export function corsHeaderFields(rule: CorsRule = FEEDS_CORS): Record<string, string> {
  return {
    'access-control-allow-origin': rule.allowOrigin,
    'access-control-expose-headers': rule.exposeHeaders.join(', '),
  };
}

/** The 204 answer to a preflight (OPTIONS) on a CORS path: no body, cacheable by the browser for a day. */
export function preflightHeaderFields(rule: CorsRule = FEEDS_CORS): Record<string, string> {
  return {
    'access-control-allow-origin': rule.allowOrigin,
    'access-control-allow-methods': rule.allowMethods.join(', '),
    'access-control-allow-headers': rule.allowHeaders.join(', '),
    'access-control-max-age': String(rule.maxAgeSeconds),
  };
}
