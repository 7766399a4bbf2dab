import { describe, expect, it } from '@jest/globals';
import { makeInvitationService } from '../../../shared/services/invitation-service';
import { makePasskeyService } from '../../../shared/services/passkey-service';
import { makePeopleService } from '../../../shared/services/people-service';
import { makeSessionService } from '../../../shared/services/session-service';
import { fakeCeremony, InMemoryChallengeStore, InMemoryInvitationStore, InMemorySessionStore, InMemoryUserStore } from '../../support/identity-fakes';

const T0 = Date.parse('2026-03-16T09:00:00Z');
const ADMIN = { subject: 'user:admin', role: 'admin' as const, name: 'Grace Admin' };

function setup() {
  let now = T0;
  let ids = 0;
  const clock = () => new Date(now);
  const newId = () => `00000000-0000-4000-8000-${String(++ids).padStart(12, '0')}`;
  const stores = { invitations: new InMemoryInvitationStore(), challenges: new InMemoryChallengeStore(), sessions: new InMemorySessionStore() };
  const users = new InMemoryUserStore(stores.invitations, stores.challenges, stores.sessions);
  const invitations = makeInvitationService({ invitations: stores.invitations, clock, newId, siteUrl: 'https://news.example.org' });
  const sessions = makeSessionService({ sessions: stores.sessions, clock, newId });
  const passkeys = makePasskeyService({
    invitations,
    users,
    challenges: stores.challenges,
    sessions,
    ceremony: fakeCeremony(),
    rp: { rpID: 'news.example.org', origin: 'https://news.example.org', rpName: 'News' },
    clock,
    newId,
  });
  const people = makePeopleService({ users, sessions: stores.sessions, clock });
  const invite = async (role: 'editor' | 'admin' = 'editor') => {
    const created = await invitations.create({ name: 'Ana Editor', role }, ADMIN);
    return { ...created, token: new URL(created.url).hash.replace('#invitation=', '') };
  };
  return { ...stores, users, invitations, passkeys, people, invite, at: (ms: number) => (now = T0 + ms) };
}
const HOUR = 3600_000;

describe('an invitation', () => {
  it('is a URL with the token in its fragment, stored only as a hash, valid 72 hours', async () => {
    const { invite, invitations } = setup();
    const inv = await invite();

    expect(inv.url).toMatch(/^https:\/\/news\.example\.org\/admin\/#invitation=[A-Za-z0-9_-]{43}$/);
    expect(inv.expiresAt).toBe(new Date(T0 + 72 * HOUR).toISOString());
    expect(JSON.stringify(await invitations.list())).not.toContain(inv.token);
    expect((await invitations.list())[0]).toMatchObject({ name: 'Ana Editor', role: 'editor', createdBy: 'Grace Admin' });
  });

  it.each([
    ['expired', (s: ReturnType<typeof setup>) => s.at(72 * HOUR), 'invitation_expired'],
    ['revoked', async (s: ReturnType<typeof setup>, id: string) => s.invitations.revoke(id), 'invitation_revoked'],
  ])('is 410 when %s, and nothing is stored', async (_n, spoil, code) => {
    const s = setup();
    const inv = await s.invite();
    await s.passkeys.registrationOptions(inv.token);
    await spoil(s, inv.id);

    await expect(s.passkeys.registrationOptions(inv.token)).rejects.toMatchObject({ status: 410, code });
    await expect(s.passkeys.register(inv.token, { id: 'cred-1' })).rejects.toMatchObject({ status: 410, code });
    expect(s.users.users.size + s.users.passkeys.size + s.sessions.items.size).toBe(0);
  });

  it('is 404 when unknown', async () => {
    await expect(setup().passkeys.registrationOptions('n'.repeat(43))).rejects.toMatchObject({ status: 404 });
  });
});

describe('sign-up', () => {
  it('creates the user and passkey, uses the invitation and its challenge, and starts a session', async () => {
    const s = setup();
    const inv = await s.invite('admin');
    const opts = await s.passkeys.registrationOptions(inv.token);
    expect(opts).toMatchObject({ name: 'Ana Editor', role: 'admin' });

    const done = await s.passkeys.register(inv.token, { id: 'cred-1' });

    expect(done.user).toMatchObject({ name: 'Ana Editor', role: 'admin' });
    expect(s.users.passkeys.get('cred-1')).toMatchObject({ userId: done.user.id, counter: 0 });
    expect(s.challenges.items.size).toBe(0);
    await expect(s.passkeys.register(inv.token, { id: 'cred-2' })).rejects.toMatchObject({ status: 410, code: 'invitation_used' });
    expect(await s.people.anyPasskey()).toBe(true);
  });

  it('refuses a bad attestation with a 400 naming response, and stores nothing', async () => {
    const s = setup();
    const inv = await s.invite();
    await s.passkeys.registrationOptions(inv.token);

    await expect(s.passkeys.register(inv.token, { id: 'bad-1' })).rejects.toMatchObject({ status: 400, details: [{ path: 'response' }] });
    expect(s.users.users.size).toBe(0);
    expect((await s.invitations.usable(inv.token)).usedAt).toBeUndefined();
  });

  it('needs options first, and not over 5 minutes old', async () => {
    const s = setup();
    const inv = await s.invite();
    await expect(s.passkeys.register(inv.token, { id: 'cred-1' })).rejects.toMatchObject({ status: 400 });
    await s.passkeys.registrationOptions(inv.token);
    s.at(5 * 60_000);
    await expect(s.passkeys.register(inv.token, { id: 'cred-1' })).rejects.toMatchObject({ status: 400 });
  });
});

describe('sign-in', () => {
  async function registered() {
    const s = setup();
    const inv = await s.invite();
    await s.passkeys.registrationOptions(inv.token);
    await s.passkeys.register(inv.token, { id: 'cred-1' });
    return s;
  }

  it('signs in once per challenge: the same assertion again is 401', async () => {
    const s = await registered();
    const { challengeId } = await s.passkeys.authenticationOptions();

    const first = await s.passkeys.signIn(challengeId, { id: 'cred-1', counter: 1 } as { id: string });
    expect(first.user.name).toBe('Ana Editor');
    await expect(s.passkeys.signIn(challengeId, { id: 'cred-1', counter: 1 } as { id: string })).rejects.toMatchObject({ status: 401 });
    expect(s.users.passkeys.get('cred-1')?.lastUsedAt).toBe(new Date(T0).toISOString());
  });

  it('is 401 for a foreign assertion, an unknown passkey, an expired challenge, a removed passkey', async () => {
    const s = await registered();
    const attempt = async (response: Record<string, unknown>) => s.passkeys.signIn((await s.passkeys.authenticationOptions()).challengeId, response as { id: string });

    await expect(attempt({ id: 'cred-1', foreign: true })).rejects.toMatchObject({ status: 401 });
    await expect(attempt({ id: 'cred-unknown' })).rejects.toMatchObject({ status: 401 });
    const { challengeId } = await s.passkeys.authenticationOptions();
    s.at(5 * 60_000);
    await expect(s.passkeys.signIn(challengeId, { id: 'cred-1' })).rejects.toMatchObject({ status: 401 });
    const [user] = await s.people.list();
    await s.people.removePasskey(user!.id, 'cred-1');
    await expect(attempt({ id: 'cred-1' })).rejects.toMatchObject({ status: 401 });
    expect(s.sessions.items.size).toBe(1); // only the sign-up's
  });
});

describe('the people list', () => {
  it('shows passkeys and live sessions only, and ends a session by id', async () => {
    const s = setup();
    const inv = await s.invite();
    await s.passkeys.registrationOptions(inv.token);
    const { user } = await s.passkeys.register(inv.token, { id: 'cred-1' });
    const [listed] = await s.people.list();
    expect(listed).toMatchObject({ id: user.id, passkeys: [{ id: 'cred-1' }], sessions: [{ expiresAt: new Date(T0 + 12 * HOUR).toISOString() }] });

    await s.people.revokeSession(user.id, listed!.sessions[0]!.id);

    expect((await s.people.list())[0]!.sessions).toEqual([]);
    await expect(s.people.revokeSession(user.id, listed!.sessions[0]!.id)).rejects.toMatchObject({ status: 404 });
    await expect(s.people.removePasskey('someone-else', 'cred-1')).rejects.toMatchObject({ status: 404 });
  });
});
