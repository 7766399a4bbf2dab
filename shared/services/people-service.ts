import type { Clock } from '../clock';
import { NotFoundError } from '../domain/errors';
import type { SessionStore, UserStore } from '../ports/identity-store';

const iso = (epochSeconds: number) => new Date(epochSeconds * 1000).toISOString();

/** The admin's view of the people who sign in: list them, remove a passkey, end a session. */
export function makePeopleService(deps: { users: UserStore; sessions: SessionStore; clock: Clock }) {
  return {
    /** Every user, oldest first, with their passkeys and live sessions (never a hash or key). */
    async list() {
      const now = deps.clock().getTime() / 1000;
      const users = await deps.users.list();
      return users
        .sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id))
        .map((u) => ({
          id: u.id,
          name: u.name,
          role: u.role,
          createdAt: u.createdAt,
          passkeys: u.passkeys.map((p) => ({ id: p.id, createdAt: p.createdAt, ...(p.lastUsedAt ? { lastUsedAt: p.lastUsedAt } : {}) })),
          sessions: u.sessions
            .filter((s) => s.expiresAt > now && s.endsAt > now)
            .map((s) => ({ id: s.id, createdAt: s.createdAt, lastSeenAt: s.lastSeenAt, expiresAt: iso(s.expiresAt) })),
        }));
    },

    /** Whether anyone can sign in yet (`npm start` offers a first-admin invitation until then). */
    async anyPasskey(): Promise<boolean> {
      return (await deps.users.list()).some((u) => u.passkeys.length > 0);
    },

    async removePasskey(userId: string, passkeyId: string): Promise<void> {
      if (!(await deps.users.removePasskey(userId, passkeyId))) throw new NotFoundError('no such passkey for this user');
    },

    async revokeSession(userId: string, sessionId: string): Promise<void> {
      if (!(await deps.sessions.revoke(userId, sessionId))) throw new NotFoundError('no such session for this user');
    },
  };
}
export type PeopleService = ReturnType<typeof makePeopleService>;
