import { randomBytes, randomUUID } from 'node:crypto';
import { NotFoundError } from '../domain/errors';
import type { TokenInput } from '../domain/token';
import type { Clock } from '../clock';
import { sha256Hex } from '../hash';
import type { TokenStore, TokenSummary } from '../ports/token-store';
import type { Principal } from '../principal';

/** A newly issued token: the only time its secret is ever shown. */
export type IssuedToken = TokenSummary & { token: string };

/**
 * The admin's token management. A secret is 32 random bytes, shown once and
 * stored only as its sha256, so neither the table nor a listing can leak it.
 */
export function makeTokenService(deps: {
  tokens: TokenStore;
  clock: Clock;
  newId?: () => string;
  newSecret?: () => string;
}) {
  const newId = deps.newId ?? randomUUID;
  const newSecret = deps.newSecret ?? (() => `hrd_${randomBytes(32).toString('base64url')}`);
  return {
    async issue(input: TokenInput, by: Principal): Promise<IssuedToken> {
      const token = newSecret();
      const record = {
        id: newId(),
        sha256: sha256Hex(token),
        subject: input.subject,
        role: input.role,
        createdAt: deps.clock().toISOString(),
        createdBy: by.subject,
      };
      await deps.tokens.create(record);
      const { sha256: _hash, ...summary } = record;
      return { ...summary, token };
    },

    list(): Promise<TokenSummary[]> {
      return deps.tokens.list();
    },

    /** A revoked token fails authentication on the next request: lookups are consistent reads. */
    async revoke(id: string): Promise<TokenSummary> {
      const revoked = await deps.tokens.revoke(id, deps.clock().toISOString());
      if (!revoked) throw new NotFoundError(`no token with id ${id.slice(0, 64)}`);
      return revoked;
    },
  };
}
export type TokenService = ReturnType<typeof makeTokenService>;
