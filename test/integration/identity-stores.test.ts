import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { DynamoChallengeStore } from '../../shared/adapters/dynamo-challenge-store';
import { DynamoInvitationStore } from '../../shared/adapters/dynamo-invitation-store';
import { DynamoSessionStore } from '../../shared/adapters/dynamo-session-store';
import { DynamoUserStore } from '../../shared/adapters/dynamo-user-store';
import type { InvitationRecord, SessionRecord } from '../../shared/domain/identity';
import { RegistrationRaced, type Registration } from '../../shared/ports/identity-store';
import { startEmulators, type Emulators } from '../support/emulators';

/** The identity adapters on DynamoDB Local: keys, TTL attributes, conditional writes, the one-transaction sign-up. */
let emu: Emulators;
let invitations: DynamoInvitationStore;
let challenges: DynamoChallengeStore;
let sessions: DynamoSessionStore;
let users: DynamoUserStore;
beforeAll(async () => {
  emu = await startEmulators();
  invitations = new DynamoInvitationStore(emu.doc, emu.table);
  challenges = new DynamoChallengeStore(emu.doc, emu.table);
  sessions = new DynamoSessionStore(emu.doc, emu.table);
  users = new DynamoUserStore(emu.doc, emu.table);
});
afterAll(() => emu.stop());

const NOW = 1_800_000_000;
let n = 0;
const uuid = () => `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}`;
const invitation = (fields: Partial<InvitationRecord> = {}): InvitationRecord => {
  const id = uuid();
  return { id, sha256: id.replace(/-/g, '').padStart(64, 'a'), name: 'Ana Editor', role: 'editor', createdAt: `2026-11-29T10:00:${String(n).padStart(2, '0')}.000Z`, createdBy: 'Grace', expiresAt: NOW + 3600, ...fields };
};
async function registration(inv: InvitationRecord, credentialId = `cred-${uuid()}`): Promise<Registration> {
  const challenge = { id: `reg-${inv.sha256}`, challenge: `challenge-${n}`, userId: uuid(), expiresAt: NOW + 300 };
  await challenges.put(challenge);
  return {
    invitationSha256: inv.sha256,
    challenge,
    user: { id: challenge.userId, name: inv.name, role: inv.role, createdAt: '2026-11-29T10:05:00.000Z' },
    passkey: { id: credentialId, userId: challenge.userId, publicKey: 'pQECAyYgASFYIA', counter: 0, transports: ['internal'], createdAt: '2026-11-29T10:05:00.000Z' },
    at: '2026-11-29T10:05:00.000Z',
    nowSeconds: NOW,
  };
}
const scan = async () => (await emu.doc.send(new ScanCommand({ TableName: emu.table }))).Items ?? [];

describe('invitations on DynamoDB Local', () => {
  it('are stored by hash with the TTL at expiry, listed newest first without a second copy, revoked once', async () => {
    const a = invitation();
    const b = invitation();
    await invitations.create(a);
    await invitations.create(b);

    const item = (await scan()).find((i) => i.id === a.id)!;
    expect([item.pk, item.sk, item.expiresAt]).toEqual([`INVITE#${a.sha256}`, 'I', a.expiresAt]);
    expect((await invitations.list()).map((i) => i.id).slice(0, 2)).toEqual([b.id, a.id]);
    expect(await invitations.revoke(a.id, '2026-11-29T11:00:00.000Z')).toBe(true);
    expect(await invitations.revoke(a.id, '2026-11-29T12:00:00.000Z')).toBe(true);
    expect((await invitations.findBySha256(a.sha256))?.revokedAt).toBe('2026-11-29T11:00:00.000Z');
    expect(await invitations.revoke(uuid(), 'x')).toBe(false);
  });
});

describe('challenges on DynamoDB Local', () => {
  it('are consumed once: a second consume finds nothing', async () => {
    await challenges.put({ id: 'c-1', challenge: 'abc', expiresAt: NOW + 300 });
    const [first, second] = await Promise.all([challenges.consume('c-1'), challenges.consume('c-1')]);
    expect([first, second].filter(Boolean)).toEqual([{ id: 'c-1', challenge: 'abc', expiresAt: NOW + 300 }]);
    expect(await challenges.get('c-1')).toBeUndefined();
  });
});

describe('sign-up on DynamoDB Local', () => {
  it('writes user and passkey, marks the invitation used and deletes the challenge, in one transaction', async () => {
    const inv = invitation();
    await invitations.create(inv);
    const r = await registration(inv);

    await users.register(r);

    expect(await users.getUser(r.user.id)).toEqual(r.user);
    expect(await users.getPasskey(r.passkey.id)).toEqual(r.passkey);
    expect((await invitations.findBySha256(inv.sha256))?.usedAt).toBe(r.at);
    expect(await challenges.get(r.challenge.id)).toBeUndefined();
  });

  it.each([
    ['used', { usedAt: '2026-11-29T10:01:00.000Z' }],
    ['revoked', { revokedAt: '2026-11-29T10:01:00.000Z' }],
    ['expired', { expiresAt: NOW }],
  ])('writes nothing when the invitation is %s', async (_name, fields) => {
    const inv = invitation(fields);
    await invitations.create(inv);
    const r = await registration(inv);

    await expect(users.register(r)).rejects.toThrow(RegistrationRaced);
    expect(await users.getUser(r.user.id)).toBeUndefined();
    expect(await users.getPasskey(r.passkey.id)).toBeUndefined();
    expect(await challenges.get(r.challenge.id)).toBeDefined();
  });

  it('lets only one of two sign-ups with the same invitation through', async () => {
    const inv = invitation();
    await invitations.create(inv);
    const r1 = await registration(inv);
    const r2 = { ...r1, user: { ...r1.user, id: uuid() }, passkey: { ...r1.passkey, id: 'cred-other' } };

    const results = await Promise.allSettled([users.register(r1), users.register(r2)]);

    expect(results.filter((x) => x.status === 'fulfilled')).toHaveLength(1);
    expect((await scan()).filter((i) => i.type === 'user' && [r1.user.id, r2.user.id].includes(i.id))).toHaveLength(1);
  });
});

describe('passkeys on DynamoDB Local', () => {
  it('take a new counter only from the counter they had (a replay loses), and are removed only by their user', async () => {
    const inv = invitation();
    await invitations.create(inv);
    const r = await registration(inv);
    await users.register(r);

    expect(await users.recordUse(r.passkey.id, 0, 1, '2026-11-29T11:00:00.000Z')).toBe(true);
    expect(await users.recordUse(r.passkey.id, 0, 1, '2026-11-29T11:00:01.000Z')).toBe(false);
    expect(await users.getPasskey(r.passkey.id)).toMatchObject({ counter: 1, lastUsedAt: '2026-11-29T11:00:00.000Z' });
    expect(await users.removePasskey(uuid(), r.passkey.id)).toBe(false);
    expect(await users.removePasskey(r.user.id, r.passkey.id)).toBe(true);
    expect(await users.getPasskey(r.passkey.id)).toBeUndefined();
  });
});

describe('sessions on DynamoDB Local', () => {
  const session = (userId: string): SessionRecord => {
    const id = uuid();
    return { id, sha256: id.replace(/-/g, '').padStart(64, 'b'), userId, name: 'Ana', role: 'editor', createdAt: '2026-11-29T10:00:00.000Z', lastSeenAt: '2026-11-29T10:00:00.000Z', expiresAt: NOW + 43200, endsAt: NOW + 604800 };
  };

  it('are found by hash with the idle expiry as TTL, touched, listed with their user, and revoked by id', async () => {
    const inv = invitation();
    await invitations.create(inv);
    const r = await registration(inv);
    await users.register(r);
    const s = session(r.user.id);
    await sessions.create(s);

    const item = (await scan()).find((i) => i.id === s.id)!;
    expect([item.pk, item.expiresAt]).toEqual([`SESSION#${s.sha256}`, s.expiresAt]);
    await sessions.touch(s.sha256, '2026-11-29T10:10:00.000Z', NOW + 50000);
    expect(await sessions.findBySha256(s.sha256)).toMatchObject({ lastSeenAt: '2026-11-29T10:10:00.000Z', expiresAt: NOW + 50000 });
    const listed = (await users.list()).find((u) => u.id === r.user.id)!;
    expect(listed.passkeys.map((p) => p.id)).toEqual([r.passkey.id]);
    expect(listed.sessions.map((x) => x.id)).toEqual([s.id]);

    expect(await sessions.revoke(uuid(), s.id)).toBe(false);
    expect(await sessions.revoke(r.user.id, s.id)).toBe(true);
    expect(await sessions.findBySha256(s.sha256)).toBeUndefined();
    await sessions.touch(s.sha256, '2026-11-29T10:20:00.000Z', NOW + 60000);
    expect(await sessions.findBySha256(s.sha256)).toBeUndefined();
  });
});
