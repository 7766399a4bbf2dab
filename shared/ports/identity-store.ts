import type { ChallengeRecord, InvitationRecord, PasskeyRecord, SessionRecord, UserListing, UserRecord } from '../domain/identity';

/** Invitations by the sha256 of their token; the admin lists and revokes them by id. */
export interface InvitationStore {
  create(record: InvitationRecord): Promise<void>;
  findBySha256(sha256: string): Promise<InvitationRecord | undefined>;
  /** Every invitation, newest first (expired ones until the TTL removes them). */
  list(): Promise<InvitationRecord[]>;
  /** Marks it revoked; false when no invitation has this id. */
  revoke(id: string, at: string): Promise<boolean>;
}

/** WebAuthn challenges: written once, read, and consumed by a conditional delete. */
export interface ChallengeStore {
  put(record: ChallengeRecord): Promise<void>;
  get(id: string): Promise<ChallengeRecord | undefined>;
  /** Deletes and returns it; undefined when it was already consumed (or never existed). */
  consume(id: string): Promise<ChallengeRecord | undefined>;
}

/** What registration writes in one transaction. */
export type Registration = {
  invitationSha256: string;
  /** The registration challenge used, deleted in the same transaction (only if it still holds `challenge`). */
  challenge: ChallengeRecord;
  user: UserRecord;
  passkey: PasskeyRecord;
  /** ISO time of use; epoch seconds `nowSeconds` for the expiry conditions. */
  at: string;
  nowSeconds: number;
};

/** Thrown when the invitation or challenge changed under a registration: nothing was written. */
export class RegistrationRaced extends Error {
  override readonly name = 'RegistrationRaced';
}

/** Users and their passkeys. */
export interface UserStore {
  /**
   * Marks the invitation used, consumes the challenge, creates the user and the
   * passkey, all or nothing; RegistrationRaced when the invitation was used,
   * revoked or expired, or the challenge consumed, meanwhile.
   */
  register(registration: Registration): Promise<void>;
  getUser(id: string): Promise<UserRecord | undefined>;
  getPasskey(credentialId: string): Promise<PasskeyRecord | undefined>;
  /** Stores the new counter only if the stored one is still `previous` (a replayed assertion loses); false otherwise. */
  recordUse(credentialId: string, previous: number, next: number, at: string): Promise<boolean>;
  /** False when the user has no passkey with this id. */
  removePasskey(userId: string, credentialId: string): Promise<boolean>;
  /** Every user with their passkeys and sessions (expired sessions included until the TTL removes them). */
  list(): Promise<UserListing[]>;
}

/** Sessions by the sha256 of their cookie; the admin revokes them by id. */
export interface SessionStore {
  create(record: SessionRecord): Promise<void>;
  /** One strongly consistent read: a revocation is seen by the very next request. */
  findBySha256(sha256: string): Promise<SessionRecord | undefined>;
  /** Moves the idle expiry; only if the session still exists. */
  touch(sha256: string, lastSeenAt: string, expiresAt: number): Promise<void>;
  revokeBySha256(sha256: string): Promise<void>;
  /** False when the user has no session with this id. */
  revoke(userId: string, id: string): Promise<boolean>;
}
