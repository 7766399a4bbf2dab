import type { ChallengeRecord, InvitationRecord, PasskeyRecord, SessionRecord, UserListing, UserRecord } from '../../shared/domain/identity';
import { RegistrationRaced, type ChallengeStore, type InvitationStore, type Registration, type SessionStore, type UserStore } from '../../shared/ports/identity-store';
import type { NewPasskey, WebAuthnCeremony } from '../../shared/ports/webauthn-ceremony';

/**
 * In-memory fakes of the identity ports for service unit tests: they keep the
 * adapters' contracts (single-use consume, all-or-nothing registration,
 * conditional counter update) and count writes so a refusal can be shown to store nothing.
 */
const copy = <T>(v: T): T => structuredClone(v);

export class InMemoryInvitationStore implements InvitationStore {
  readonly items = new Map<string, InvitationRecord>();
  async create(r: InvitationRecord) {
    if (this.items.has(r.sha256)) throw new Error('exists');
    this.items.set(r.sha256, copy(r));
  }
  async findBySha256(sha256: string) {
    const found = this.items.get(sha256);
    return found && copy(found);
  }
  async list() {
    return [...this.items.values()].sort((a, b) => b.createdAt.localeCompare(a.createdAt)).map(copy);
  }
  async revoke(id: string, at: string) {
    const found = [...this.items.values()].find((i) => i.id === id);
    if (found) found.revokedAt ??= at;
    return found !== undefined;
  }
}

export class InMemoryChallengeStore implements ChallengeStore {
  readonly items = new Map<string, ChallengeRecord>();
  async put(r: ChallengeRecord) {
    this.items.set(r.id, copy(r));
  }
  async get(id: string) {
    const found = this.items.get(id);
    return found && copy(found);
  }
  async consume(id: string) {
    const found = this.items.get(id);
    this.items.delete(id);
    return found;
  }
}

export class InMemorySessionStore implements SessionStore {
  readonly items = new Map<string, SessionRecord>();
  touches = 0;
  async create(r: SessionRecord) {
    this.items.set(r.sha256, copy(r));
  }
  async findBySha256(sha256: string) {
    const found = this.items.get(sha256);
    return found && copy(found);
  }
  async touch(sha256: string, lastSeenAt: string, expiresAt: number) {
    const found = this.items.get(sha256);
    if (found) Object.assign(found, { lastSeenAt, expiresAt });
    this.touches++;
  }
  async revokeBySha256(sha256: string) {
    this.items.delete(sha256);
  }
  async revoke(userId: string, id: string) {
    const found = [...this.items.values()].find((s) => s.userId === userId && s.id === id);
    if (found) this.items.delete(found.sha256);
    return found !== undefined;
  }
}

export class InMemoryUserStore implements UserStore {
  readonly users = new Map<string, UserRecord>();
  readonly passkeys = new Map<string, PasskeyRecord>();
  constructor(
    private readonly invitations: InMemoryInvitationStore,
    private readonly challenges: InMemoryChallengeStore,
    private readonly sessions: InMemorySessionStore,
  ) {}
  async register(r: Registration) {
    const inv = this.invitations.items.get(r.invitationSha256);
    const ch = this.challenges.items.get(r.challenge.id);
    const ok = inv && !inv.usedAt && !inv.revokedAt && inv.expiresAt > r.nowSeconds && ch?.challenge === r.challenge.challenge && ch.expiresAt > r.nowSeconds;
    if (!ok || this.users.has(r.user.id) || this.passkeys.has(r.passkey.id)) throw new RegistrationRaced('condition failed');
    inv.usedAt = r.at;
    this.challenges.items.delete(r.challenge.id);
    this.users.set(r.user.id, copy(r.user));
    this.passkeys.set(r.passkey.id, copy(r.passkey));
  }
  async getUser(id: string) {
    const found = this.users.get(id);
    return found && copy(found);
  }
  async getPasskey(id: string) {
    const found = this.passkeys.get(id);
    return found && copy(found);
  }
  async recordUse(id: string, previous: number, next: number, at: string) {
    const found = this.passkeys.get(id);
    if (!found || found.counter !== previous) return false;
    Object.assign(found, { counter: next, lastUsedAt: at });
    return true;
  }
  async removePasskey(userId: string, id: string) {
    const found = this.passkeys.get(id);
    if (!found || found.userId !== userId) return false;
    this.passkeys.delete(id);
    return true;
  }
  async list(): Promise<UserListing[]> {
    return [...this.users.values()].map((u) => ({
      ...copy(u),
      passkeys: [...this.passkeys.values()].filter((p) => p.userId === u.id).map(copy),
      sessions: [...this.sessions.items.values()].filter((s) => s.userId === u.id).map(copy),
    }));
  }
}

/**
 * A ceremony whose verdicts the test sets: a registration response `{ id }`
 * verifies unless its id starts with `bad`; an assertion verifies unless it
 * says `foreign: true`, and reports its `counter` as the new counter.
 */
export function fakeCeremony(): WebAuthnCeremony & { issued: string[] } {
  const issued: string[] = [];
  let n = 0;
  const next = () => {
    const challenge = `challenge-${++n}`;
    issued.push(challenge);
    return challenge;
  };
  return {
    issued,
    async registrationOptions({ userId, userName }) {
      const challenge = next();
      return { options: { challenge, user: { id: userId, name: userName } }, challenge };
    },
    async verifyRegistration({ response }) {
      const { id } = response as { id: string };
      if (id.startsWith('bad')) return { failed: 'attestation signed for another origin' };
      const passkey: NewPasskey = { id, publicKey: 'AQID', counter: 0, transports: ['internal'] };
      return passkey;
    },
    async authenticationOptions() {
      const challenge = next();
      return { options: { challenge, allowCredentials: [] }, challenge };
    },
    async verifyAuthentication({ response }) {
      const { counter, foreign } = response as { counter?: number; foreign?: boolean };
      return foreign ? { failed: 'unexpected origin' } : { newCounter: counter ?? 1 };
    },
  };
}
