import type { Role } from '../ports/token-store';

/**
 * The people who sign in to the editor and what proves who they are:
 * users, their passkeys, the invitations that create them, and sessions.
 * Tokens and cookies are stored only as their sha256.
 */

/** Session lifetimes (contract): idle 12 h, refreshed at most every 5 min, never beyond 7 days. */
export const SESSION_IDLE_SECONDS = 12 * 3600;
export const SESSION_ABSOLUTE_SECONDS = 7 * 86400;
export const SESSION_REFRESH_SECONDS = 5 * 60;
/** An invitation is valid 72 hours, once. */
export const INVITATION_SECONDS = 72 * 3600;
/** A WebAuthn challenge is valid 5 minutes, once. */
export const CHALLENGE_SECONDS = 5 * 60;
/** The cookie that carries a session's id. */
export const SESSION_COOKIE = 'herald_session';

/** A person who signs in with passkeys. */
export type UserRecord = { id: string; name: string; role: Role; createdAt: string; disabledAt?: string };

/** A registered passkey; `id` is the credential id (base64url), `publicKey` its COSE key (base64url). */
export type PasskeyRecord = {
  id: string;
  userId: string;
  publicKey: string;
  counter: number;
  transports: string[];
  createdAt: string;
  lastUsedAt?: string;
};

/** An invitation; `expiresAt` is epoch seconds (the TTL attribute). */
export type InvitationRecord = {
  id: string;
  sha256: string;
  name: string;
  role: Role;
  createdAt: string;
  createdBy: string;
  expiresAt: number;
  usedAt?: string;
  revokedAt?: string;
};

/** A WebAuthn challenge; registration ones are keyed by their invitation and carry the user id the passkey is made for, sign-in ones have a random id. */
export type ChallengeRecord = { id: string; challenge: string; expiresAt: number; userId?: string };

/**
 * A browser session. `expiresAt` (epoch seconds, the TTL attribute) is the idle
 * expiry, never later than `endsAt`, the absolute one.
 */
export type SessionRecord = {
  id: string;
  sha256: string;
  userId: string;
  name: string;
  role: Role;
  createdAt: string;
  lastSeenAt: string;
  expiresAt: number;
  endsAt: number;
};

/** A user as the admin's list shows them: their passkeys and live sessions. */
export type UserListing = UserRecord & { passkeys: PasskeyRecord[]; sessions: SessionRecord[] };
