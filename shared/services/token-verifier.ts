import { timingSafeEqual } from 'node:crypto';
import { sha256Hex } from '../hash';
import type { TokenStore } from '../ports/token-store';
import type { Principal } from '../principal';

// Re-exported for callers that read them here before they moved to leaf modules.
export { sha256Hex } from '../hash';
export type { Principal } from '../principal';

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
