import { timingSafeEqual } from 'node:crypto';
import type { APIGatewayRequestAuthorizerEventV2 } from 'aws-lambda';
import { ORIGIN_HEADER } from '../../shared/http/origin-header';
import { bearerToken, type TokenVerifier } from '../../shared/services/token-verifier';

export { ORIGIN_HEADER };

/** The simple-response verdict API Gateway expects; the context reaches the admin function. */
export type AuthorizerResult =
  | { isAuthorized: true; context: { subject: string; role: string } }
  | { isAuthorized: false; context: Record<string, never> };

const DENY: AuthorizerResult = { isAuthorized: false, context: {} };

/**
 * The HTTP API Lambda authorizer. A request must have come through CloudFront
 * (it carries the origin secret) and carry a token the
 * same check as the local admin API accepts; anything else is unauthorized.
 */
export function makeAuthorizer(deps: { verify: TokenVerifier; originSecret: () => Promise<string | undefined> }) {
  return async function authorize(event: APIGatewayRequestAuthorizerEventV2): Promise<AuthorizerResult> {
    const expected = await deps.originSecret();
    // Fail closed: without the secret (not configured, or SSM unreachable) nothing is let through.
    if (expected === undefined || !sameSecret(headerOf(event, ORIGIN_HEADER), expected)) return DENY;
    const principal = await deps.verify(bearerToken(headerOf(event, 'authorization')));
    return principal ? { isAuthorized: true, context: { subject: principal.subject, role: principal.role } } : DENY;
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
