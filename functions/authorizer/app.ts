import { timingSafeEqual } from 'node:crypto';
import type { APIGatewayRequestAuthorizerEventV2 } from 'aws-lambda';
import { CsrfError } from '../../shared/domain/errors';
import { ORIGIN_HEADER } from '../../shared/http/origin-header';
import type { RequestAuthenticator } from '../../shared/services/request-authenticator';

export { ORIGIN_HEADER };

/** The simple-response verdict API Gateway expects; the context reaches the admin function. */
export type AuthorizerResult =
  | { isAuthorized: true; context: { subject: string; role: string; name: string; via: 'token' | 'cookie' } }
  | { isAuthorized: false; context: Record<string, never> };

const DENY: AuthorizerResult = { isAuthorized: false, context: {} };

/**
 * The HTTP API Lambda authorizer. A request must have come through CloudFront
 * (it carries the origin secret) and carry a Bearer token or a live session
 * cookie, checked by the same request authenticator the apps use locally; a
 * cookie write must also pass the CSRF rule. Anything else is unauthorized.
 * The context names the caller (the editor's name for a session) and how they proved it.
 */
export function makeAuthorizer(deps: { authenticator: Pick<RequestAuthenticator, 'authenticate'>; originSecret: () => Promise<string | undefined> }) {
  return async function authorize(event: APIGatewayRequestAuthorizerEventV2): Promise<AuthorizerResult> {
    const expected = await deps.originSecret();
    // Fail closed: without the secret (not configured, or SSM unreachable) nothing is let through.
    if (expected === undefined || !sameSecret(headerOf(event, ORIGIN_HEADER), expected)) return DENY;
    let found;
    try {
      found = await deps.authenticator.authenticate(event);
    } catch (err) {
      if (err instanceof CsrfError) return DENY;
      throw err;
    }
    if (!found) return DENY;
    const { principal, via } = found;
    return { isAuthorized: true, context: { subject: principal.subject, role: principal.role, name: principal.name ?? principal.subject, via } };
  };
}

function headerOf(event: APIGatewayRequestAuthorizerEventV2, name: string): string | undefined {
  for (const [key, value] of Object.entries(event.headers ?? {})) if (key.toLowerCase() === name) return value;
  return undefined;
}

function sameSecret(given: string | undefined, expected: string): boolean {
  if (given === undefined) return false;
  const a = Buffer.from(given, 'utf8');
  const b = Buffer.from(expected, 'utf8');
  return a.length === b.length && timingSafeEqual(a, b);
}
