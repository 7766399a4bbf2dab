import { randomBytes } from 'node:crypto';
import type { Clock } from '../clock';
import { GoneError, NotFoundError } from '../domain/errors';
import { INVITATION_SECONDS, type InvitationRecord } from '../domain/identity';
import type { InvitationInput } from '../domain/identity-input';
import { sha256Hex } from '../hash';
import type { InvitationStore } from '../ports/identity-store';
import { displayName, type Principal } from '../principal';

/** An invitation as the admin's list shows it: never its hash; times as ISO 8601. */
export type InvitationSummary = Omit<InvitationRecord, 'sha256' | 'expiresAt'> & { expiresAt: string };

const iso = (epochSeconds: number) => new Date(epochSeconds * 1000).toISOString();
const summary = ({ sha256: _h, expiresAt, ...rest }: InvitationRecord): InvitationSummary => ({ ...rest, expiresAt: iso(expiresAt) });

/**
 * Invitations: a 256-bit token in the URL's fragment (so no server or proxy log
 * sees it), stored as its sha256, valid 72 hours and once.
 */
export function makeInvitationService(deps: { invitations: InvitationStore; clock: Clock; newId: () => string; siteUrl: string }) {
  return {
    /** Makes an invitation; the URL is shown once, to the admin who asked. */
    async create(input: InvitationInput, by: Principal): Promise<{ id: string; url: string; expiresAt: string }> {
      const token = randomBytes(32).toString('base64url');
      const now = deps.clock();
      const record: InvitationRecord = {
        id: deps.newId(),
        sha256: sha256Hex(token),
        name: input.name,
        role: input.role,
        createdAt: now.toISOString(),
        createdBy: displayName(by),
        expiresAt: Math.floor(now.getTime() / 1000) + INVITATION_SECONDS,
      };
      await deps.invitations.create(record);
      return { id: record.id, url: `${deps.siteUrl}/admin/#invitation=${token}`, expiresAt: iso(record.expiresAt) };
    },

    async list(): Promise<InvitationSummary[]> {
      return (await deps.invitations.list()).map(summary);
    },

    async revoke(id: string): Promise<void> {
      if (!(await deps.invitations.revoke(id, deps.clock().toISOString()))) throw new NotFoundError(`no invitation with id ${id.slice(0, 64)}`);
    },

    /** The invitation a token names if it can still be used: 404 unknown, 410 expired, used or revoked (`error` says which). */
    async usable(token: string): Promise<InvitationRecord> {
      const found = await deps.invitations.findBySha256(sha256Hex(token));
      if (!found) throw new NotFoundError('no such invitation');
      if (found.revokedAt) throw new GoneError('invitation_revoked', 'this invitation was revoked; ask an admin for a new one');
      if (found.usedAt) throw new GoneError('invitation_used', 'this invitation has already been used');
      if (found.expiresAt * 1000 <= deps.clock().getTime()) throw new GoneError('invitation_expired', 'this invitation has expired; ask an admin for a new one');
      return found;
    },
  };
}
export type InvitationService = ReturnType<typeof makeInvitationService>;
