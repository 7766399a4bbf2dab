import { CsrfError, UnauthorizedError } from '../domain/errors';
import { SESSION_COOKIE, type SessionRecord } from '../domain/identity';
import { readCookie, type CookieSource } from '../http/cookies';
import { header } from '../http/request';
import type { Principal } from '../principal';
import { bearerToken, type TokenVerifier } from './token-verifier';

/** The request fields authentication reads; both API Gateway v2 events and authorizer events have them. */
export type AuthRequest = CookieSource & { requestContext: { http: { method: string }; authorizer?: unknown } };

/** Who is calling and how they proved it; `session` only for the cookie. */
export type Authentication = { principal: Principal; via: 'token' | 'cookie'; session?: SessionRecord };

/** The CSRF header a cookie-authenticated write must carry (its value: 1). */
export const CSRF_HEADER = 'x-herald-csrf';

/**
 * The contract's CSRF rule for a cookie-authenticated request: GET and HEAD
 * pass; anything else needs `X-Herald-CSRF: 1` and an `Origin` equal to the
 * site's origin (a cross-site form can set neither). Throws a 403 `csrf`.
 */
export function checkCsrf(request: AuthRequest, siteUrl: string | undefined): void {
  const method = request.requestContext.http.method.toUpperCase();
  if (method === 'GET' || method === 'HEAD') return;
  const headers = { headers: request.headers ?? {} };
  if (header(headers, CSRF_HEADER) !== '1') throw new CsrfError('a write with the session cookie needs the header X-Herald-CSRF: 1');
  let expected: string | undefined;
  try {
    expected = siteUrl === undefined ? undefined : new URL(siteUrl).origin;
  } catch {
    expected = undefined;
  }
  if (expected === undefined || header(headers, 'origin') !== expected) throw new CsrfError('a write with the session cookie must come from the site\'s own origin');
}

/** The Lambda authorizer's verdict, when the cloud has already authenticated the request. */
function fromAuthorizer(request: AuthRequest): Authentication | undefined {
  const ctx = (request.requestContext.authorizer as { lambda?: Record<string, unknown> } | undefined)?.lambda;
  if (typeof ctx?.subject !== 'string' || (ctx.role !== 'admin' && ctx.role !== 'editor')) return undefined;
  const name = typeof ctx.name === 'string' && ctx.name !== ctx.subject ? { name: ctx.name } : {};
  return { principal: { subject: ctx.subject, role: ctx.role, ...name }, via: ctx.via === 'cookie' ? 'cookie' : 'token' };
}

/**
 * The one request authenticator, used by every app and the cloud authorizer: a
 * Bearer token (checked alone when present) or else the session cookie, with the
 * CSRF rule applied to cookie writes. `require` also accepts the authorizer's
 * verdict (re-applying the CSRF rule) and answers 401 when nobody is signed in.
 */
export function makeRequestAuthenticator(deps: {
  verifyToken: TokenVerifier;
  verifySession?: (token: string) => Promise<SessionRecord | undefined>;
  siteUrl: string | undefined;
}) {
  async function authenticate(request: AuthRequest): Promise<Authentication | undefined> {
    const authorization = header({ headers: request.headers ?? {} }, 'authorization');
    if (authorization !== undefined) {
      const principal = await deps.verifyToken(bearerToken(authorization));
      return principal ? { principal, via: 'token' } : undefined;
    }
    const cookie = readCookie(request, SESSION_COOKIE);
    if (cookie === undefined || !deps.verifySession) return undefined;
    checkCsrf(request, deps.siteUrl);
    const session = await deps.verifySession(cookie);
    if (!session) return undefined;
    return { principal: { subject: `user:${session.userId}`, role: session.role, name: session.name }, via: 'cookie', session };
  }

  async function require(request: AuthRequest): Promise<Authentication> {
    const verdict = fromAuthorizer(request);
    if (verdict) {
      if (verdict.via === 'cookie') checkCsrf(request, deps.siteUrl);
      return verdict;
    }
    const found = await authenticate(request);
    if (!found) throw new UnauthorizedError('a valid bearer token or session cookie is required');
    return found;
  }

  return { authenticate, require };
}
export type RequestAuthenticator = ReturnType<typeof makeRequestAuthenticator>;
