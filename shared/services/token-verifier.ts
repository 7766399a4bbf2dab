import { createHash, timingSafeEqual } from 'node:crypto';
import type { Role, TokenStore } from '../ports/token-store';

/** Who is calling, once a bearer token has been verified. */
export type Principal = { subject: string; role: Role };

export const sha256Hex = (s: string): string => createHash('sha256').update(s, 'utf8').digest('hex');

/** Pulls the token out of an `Authorization: Bearer …` header value. */
export function bearerToken(header: string | undefined): string | undefined {
  const match = /^Bearer\s+([\x21-\x7e]{16,512})\s*$/i.exec(header ?? '');
  return match?.[1];
}

/**
 * The one token check, used by the admin API locally and by the Lambda
 * authorizer in the cloud. Tokens are compared by their sha256 only; the
 * bootstrap admin token's hash comes from configuration.
 */
export function makeTokenVerifier(deps: { tokens: TokenStore; bootstrapSha256?: string }) {
  const bootstrap = deps.bootstrapSha256 ? Buffer.from(deps.bootstrapSha256, 'hex') : undefined;
  return async function verify(token: string | undefined): Promise<Principal | undefined> {
    if (!token) return undefined;
    const hash = sha256Hex(token);
    if (bootstrap && timingSafeEqual(Buffer.from(hash, 'hex'), bootstrap)) {
      return { subject: 'bootstrap-admin', role: 'admin' };
    }
    const record = await deps.tokens.findBySha256(hash);
    if (!record || record.revokedAt) return undefined;
    return { subject: record.subject, role: record.role };
  };
}
export type TokenVerifier = ReturnType<typeof makeTokenVerifier>;
