/** The two kinds of caller; admins may also manage tokens and rebuild feeds. */
export type Role = 'admin' | 'editor';

/** A stored API token: only its hash is ever kept. */
export type TokenRecord = {
  id: string;
  sha256: string;
  subject: string;
  role: Role;
  createdAt: string;
  createdBy?: string;
  revokedAt?: string;
};

/** What a listing shows of a token: everything but its hash. */
export type TokenSummary = Omit<TokenRecord, 'sha256'>;

/**
 * Token lookup by hash (authentication in the API and the authorizer) and the
 * admin's management operations.
 */
export interface TokenStore {
  findBySha256(sha256: string): Promise<TokenRecord | undefined>;
  /** Stores a new token; fails if its id or hash exists. */
  create(record: TokenRecord): Promise<void>;
  /** Every token, newest first, without hashes. */
  list(): Promise<TokenSummary[]>;
  /** Marks a token revoked; undefined when no token has this id. Revoking twice keeps the first time. */
  revoke(id: string, at: string): Promise<TokenSummary | undefined>;
}
