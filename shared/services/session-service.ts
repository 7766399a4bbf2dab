import { randomBytes } from 'node:crypto';
import type { Clock } from '../clock';
import { SESSION_ABSOLUTE_SECONDS, SESSION_IDLE_SECONDS, SESSION_REFRESH_SECONDS, type SessionRecord, type UserRecord } from '../domain/identity';
import { sha256Hex } from '../hash';
import type { SessionStore } from '../ports/identity-store';

/** A cookie value Herald could have issued: 256 bits as base64url. Anything else is not looked up. */
const SESSION_TOKEN = /^[A-Za-z0-9_-]{43}$/;

/**
 * Sessions: a 256-bit random cookie value, stored only as its sha256. Idle 12 h
 * (moved forward at most every 5 minutes of use), never beyond 7 days; revoking
 * deletes the item, so the next request fails.
 */
export function makeSessionService(deps: { sessions: SessionStore; clock: Clock; newId: () => string; newToken?: () => string }) {
  const newToken = deps.newToken ?? (() => randomBytes(32).toString('base64url'));
  const seconds = () => Math.floor(deps.clock().getTime() / 1000);
  return {
    /** Starts a session for a user who has just proved a passkey; the token goes into the cookie and nowhere else. */
    async create(user: Pick<UserRecord, 'id' | 'name' | 'role'>): Promise<{ token: string; session: SessionRecord }> {
      const token = newToken();
      const now = seconds();
      const endsAt = now + SESSION_ABSOLUTE_SECONDS;
      const at = new Date(now * 1000).toISOString();
      const session: SessionRecord = {
        id: deps.newId(),
        sha256: sha256Hex(token),
        userId: user.id,
        name: user.name,
        role: user.role,
        createdAt: at,
        lastSeenAt: at,
        expiresAt: Math.min(now + SESSION_IDLE_SECONDS, endsAt),
        endsAt,
      };
      await deps.sessions.create(session);
      return { token, session };
    },

    /** The live session a cookie names, its idle expiry refreshed when the last refresh is 5 minutes old; else undefined. */
    async verify(token: string | undefined): Promise<SessionRecord | undefined> {
      if (token === undefined || !SESSION_TOKEN.test(token)) return undefined;
      const sha256 = sha256Hex(token);
      const found = await deps.sessions.findBySha256(sha256);
      const now = seconds();
      if (!found || found.expiresAt <= now || found.endsAt <= now) return undefined;
      if (now - Math.floor(Date.parse(found.lastSeenAt) / 1000) < SESSION_REFRESH_SECONDS) return found;
      const lastSeenAt = new Date(now * 1000).toISOString();
      const expiresAt = Math.min(now + SESSION_IDLE_SECONDS, found.endsAt);
      await deps.sessions.touch(sha256, lastSeenAt, expiresAt);
      return { ...found, lastSeenAt, expiresAt };
    },

    /** Ends the session a cookie names (sign-out). */
    async revoke(token: string): Promise<void> {
      if (SESSION_TOKEN.test(token)) await deps.sessions.revokeBySha256(sha256Hex(token));
    },
  };
}
export type SessionService = ReturnType<typeof makeSessionService>;
