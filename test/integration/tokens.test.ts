import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { sha256Hex } from '../../shared/services/token-verifier';
import { adminAppOn } from '../support/admin-app';
import { startEmulators, type Emulators } from '../support/emulators';

let emu: Emulators;
let api: ReturnType<typeof adminAppOn>;
const meeting = { title: 'Seminar in Bangkok', language: 'en', status: 'draft' };

beforeAll(async () => {
  emu = await startEmulators();
  // One second per call, so "newest first" is decided by time, not by random ids.
  let tick = 0;
  api = adminAppOn(emu, { clock: () => new Date(Date.UTC(2026, 0, 1) + 1000 * tick++) });
});
afterAll(() => emu.stop());

async function issue(subject: string, role: string) {
  const res = await api.call('POST', '/api/tokens', { body: { subject, role } });
  expect(res.status).toBe(201);
  return res.body as { id: string; token: string; subject: string; role: string };
}

describe('editor tokens on DynamoDB Local', () => {
  it('issues a token whose secret is shown once and which authenticates its editor', async () => {
    const res = await api.call('POST', '/api/tokens', { body: { subject: 'ana@example.org', role: 'editor' } });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ subject: 'ana@example.org', role: 'editor', createdBy: 'bootstrap-admin' });
    expect(res.body.token).toMatch(/^hrd_[A-Za-z0-9_-]{43}$/);
    expect(res.headers.location).toBe(`/api/tokens/${res.body.id}`);
    const post = await api.call('POST', '/api/announcements', { token: res.body.token, body: meeting });
    expect(post.status).toBe(201);
    expect(post.body.createdBy).toBe('ana@example.org');
  });

  it('stores only the hash of the secret', async () => {
    const { token } = await issue('hash-check', 'editor');
    const items = (await emu.doc.send(new ScanCommand({ TableName: emu.table }))).Items ?? [];
    expect(JSON.stringify(items)).not.toContain(token);
    expect(items.some((i) => i.sha256 === sha256Hex(token))).toBe(true);
  });

  it('lists tokens newest first without secrets or hashes', async () => {
    const issued = await issue('listed@example.org', 'admin');
    const res = await api.call('GET', '/api/tokens');
    expect(res.status).toBe(200);
    const items = res.body.items as Record<string, unknown>[];
    expect(items[0]).toMatchObject({ id: issued.id, subject: 'listed@example.org', role: 'admin' });
    expect(items.length).toBeGreaterThanOrEqual(3);
    for (const item of items) expect(Object.keys(item).sort()).toEqual(expect.not.arrayContaining(['sha256', 'token']));
    expect(JSON.stringify(res.body)).not.toContain(issued.token);
  });

  it('refuses a revoked token at once', async () => {
    const { id, token } = await issue('leaver@example.org', 'editor');
    expect((await api.call('GET', '/api/announcements', { token })).status).toBe(200);
    const revoked = await api.call('DELETE', `/api/tokens/${id}`);
    expect(revoked.status).toBe(200);
    expect(revoked.body.revokedAt).toEqual(expect.any(String));
    const after = await api.call('GET', '/api/announcements', { token });
    expect(after.status).toBe(401);
    expect((await api.call('POST', '/api/announcements', { token, body: meeting })).status).toBe(401);
    const listed = (await api.call('GET', '/api/tokens')).body.items as { id: string; revokedAt?: string }[];
    expect(listed.find((t) => t.id === id)?.revokedAt).toBe(revoked.body.revokedAt);
  });

  it('answers 404 for revoking a token that does not exist', async () => {
    expect((await api.call('DELETE', '/api/tokens/00000000-0000-4000-8000-000000000000')).status).toBe(404);
    expect((await api.call('DELETE', '/api/tokens/not-an-id')).status).toBe(404);
  });

  it('answers 403 when an editor calls an admin route, and changes nothing', async () => {
    const editor = await issue('plain-editor', 'editor');
    const before = (await api.call('GET', '/api/tokens')).body.items as unknown[];
    const create = await api.call('POST', '/api/tokens', { token: editor.token, body: { subject: 'x', role: 'admin' } });
    expect(create.status).toBe(403);
    expect(create.body.error).toBe('forbidden');
    expect((await api.call('GET', '/api/tokens', { token: editor.token })).status).toBe(403);
    expect((await api.call('DELETE', `/api/tokens/${editor.id}`, { token: editor.token })).status).toBe(403);
    expect((await api.call('GET', '/api/tokens')).body.items).toEqual(before);
  });

  it('lets an issued admin token manage tokens', async () => {
    const admin = await issue('second-admin', 'admin');
    const res = await api.call('POST', '/api/tokens', { token: admin.token, body: { subject: 'by-admin', role: 'editor' } });
    expect(res.status).toBe(201);
    expect(res.body.createdBy).toBe('second-admin');
  });

  it('answers 400 naming role for a bad role, and 400 naming subject when it is missing', async () => {
    const bad = await api.call('POST', '/api/tokens', { body: { subject: 'x', role: 'owner' } });
    expect(bad.status).toBe(400);
    expect(bad.body.details).toEqual([{ path: 'role', message: 'must be editor or admin' }]);
    const missing = await api.call('POST', '/api/tokens', { body: { role: 'editor' } });
    expect(missing.status).toBe(400);
    expect(missing.body.details.map((d: { path: string }) => d.path)).toEqual(['subject']);
    const extra = await api.call('POST', '/api/tokens', { body: { subject: 'x', role: 'editor', secret: 'mine' } });
    expect(extra.status).toBe(400);
  });

  it('answers 401 without a token', async () => {
    expect((await api.call('GET', '/api/tokens', { token: '' })).status).toBe(401);
  });
});
