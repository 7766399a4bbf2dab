/** The two kinds of caller; admins may also manage tokens and rebuild feeds. */
export type Role = 'admin' | 'editor';

/** A stored API token: only its hash is ever kept. */
export type TokenRecord = {
  id: string;
  sha256: string;
  subject: string;
  role: Role;
  createdAt: string;
  revokedAt?: string;
};

/** Token lookup by hash, for authentication in the API and the authorizer. */
export interface TokenStore {
  findBySha256(sha256: string): Promise<TokenRecord | undefined>;
}
