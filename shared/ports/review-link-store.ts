/**
 * A stored review link: never its token, only the token's sha256, so neither
 * the table nor a listing can be turned back into a working URL.
 */
export type ReviewLinkRecord = {
  id: string;
  announcementId: string;
  sha256: string;
  createdBy: string;
  /** ISO 8601 UTC. */
  createdAt: string;
  /** Epoch seconds: DynamoDB's TTL removes the items some time after; readers check it themselves. */
  expiresAt: number;
};

/** What the editors' list shows of a link: everything but the hash. */
export type ReviewLinkSummary = Omit<ReviewLinkRecord, 'sha256' | 'expiresAt'> & { expiresAt: string };

/**
 * Where review links live. The public review page only calls `findBySha256`;
 * the admin API creates, lists and revokes.
 */
export interface ReviewLinkStore {
  /** Stores a link under its hash and in its announcement's list; fails if the id or hash exists. */
  create(record: ReviewLinkRecord): Promise<void>;
  /** One strongly consistent read, so a revocation is seen by the very next request. */
  findBySha256(sha256: string): Promise<ReviewLinkRecord | undefined>;
  /** The announcement's links, expired ones included (the service filters by time). */
  list(announcementId: string): Promise<ReviewLinkRecord[]>;
  /** Deletes the link; false when the announcement has no link with this id. */
  revoke(announcementId: string, id: string): Promise<boolean>;
}
