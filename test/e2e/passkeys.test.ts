import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { makeDocumentClient, makeDynamoClient } from '../../shared/adapters/aws-clients';
import { DynamoInvitationStore } from '../../shared/adapters/dynamo-invitation-store';
import { sha256Hex } from '../../shared/hash';
import { startHerald, TEST_TOKEN, type HeraldProcess } from '../support/local-process';
import { openPasskeyBrowser, type PasskeyBrowser } from './support/passkey-browser';

/**
 * Passkeys against `npm start` with real WebAuthn ceremonies (Chromium and a
 * CDP virtual authenticator): the first-admin invitation, sign-up, sign-in,
 * every bad input of the issue, the cookie + CSRF rule, sign-out and revocation.
 */
const dataDir = mkdtempSync(join(tmpdir(), 'herald-passkeys-'));
let herald: HeraldProcess;
let browser: PasskeyBrowser;
let site = '';
const ADMIN = `Bearer ${TEST_TOKEN}`;

type Call = { cookie?: string; authorization?: string; body?: unknown; headers?: Record<string, string> };
async function api(method: string, path: string, call: Call = {}) {
  const res = await fetch(`${herald.base}${path}`, {
    method,
    headers: {
      ...(call.authorization ? { authorization: call.authorization } : {}),
      ...(call.cookie ? { cookie: call.cookie } : {}),
      ...(call.body === undefined ? {} : { 'content-type': 'application/json' }),
      ...call.headers,
    },
    body: call.body === undefined ? undefined : JSON.stringify(call.body),
  });
  const text = await res.text();
  return { status: res.status, json: text ? (JSON.parse(text) as Record<string, any>) : {}, setCookie: res.headers.getSetCookie() };
}
/** What the editor sends with every cookie write. */
const csrf = () => ({ 'x-herald-csrf': '1', origin: site });
const cookieOf = (setCookie: string[]) => setCookie[0]!.split(';')[0]!;
const tokenOf = (url: string) => new URL(url).hash.replace('#invitation=', '');

async function signUp(token: string) {
  const options = await api('POST', '/api/auth/register/options', { body: { invitation: token } });
  expect(options.status).toBe(200);
  const response = await browser.create(options.json.options);
  return { options, response, registered: await api('POST', '/api/auth/register', { body: { invitation: token, response } }) };
}
async function signIn() {
  const options = await api('POST', '/api/auth/login/options', { body: {} });
  expect(options.status).toBe(200);
  const response = await browser.get(options.json.options);
  return { challengeId: options.json.challengeId as string, response, answer: await api('POST', '/api/auth/login', { body: { challengeId: options.json.challengeId, response } }) };
}
async function invite(name: string, role: 'editor' | 'admin') {
  const created = await api('POST', '/api/invitations', { authorization: ADMIN, body: { name, role } });
  expect(created.status).toBe(201);
  return created.json as { id: string; url: string; expiresAt: string };
}

beforeAll(async () => {
  herald = await startHerald(dataDir, (port) => ({ SITE_URL: `http://localhost:${port}` }));
  site = `http://localhost:${herald.port}`;
  browser = await openPasskeyBrowser(`${site}/`);
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await herald?.stop();
}, 60_000);

let adminCookie = '';
let firstAttestation: { invitation: string; response: unknown } | undefined;
describe('the first admin', () => {
  it('signs up with the invitation npm start printed, gets an HttpOnly SameSite=Strict cookie, and is who /me says', async () => {
    const url = /First admin: (\S+)/.exec(herald.output())?.[1];
    expect(url?.startsWith(`${site}/admin/#invitation=`)).toBe(true);

    const { options, registered, response } = await signUp(tokenOf(url!));
    firstAttestation = { invitation: tokenOf(url!), response };

    expect(options.json).toMatchObject({ name: 'First admin', role: 'admin', options: { rp: { id: 'localhost' }, authenticatorSelection: { residentKey: 'required' } } });
    expect(registered.status).toBe(201);
    expect(registered.json.user).toMatchObject({ name: 'First admin', role: 'admin' });
    expect(registered.setCookie).toHaveLength(1);
    expect(registered.setCookie[0]).toMatch(/^herald_session=[A-Za-z0-9_-]{43}; HttpOnly; SameSite=Strict; Path=\/; Max-Age=604800$/);
    adminCookie = cookieOf(registered.setCookie);
    const me = await api('GET', '/api/auth/me', { cookie: adminCookie });
    expect(me.status).toBe(200);
    expect(me.json.user).toEqual(registered.json.user);
    expect(Date.parse(me.json.session.expiresAt)).toBeGreaterThan(Date.now() + 11 * 3600_000);
  }, 60_000);

  it('refuses the used invitation (410 invitation_used) and the same attestation again', async () => {
    const url = /First admin: (\S+)/.exec(herald.output())![1]!;
    const again = await api('POST', '/api/auth/register/options', { body: { invitation: tokenOf(url) } });
    expect(again.status).toBe(410);
    expect(again.json.error).toBe('invitation_used');
    const replayed = await api('POST', '/api/auth/register', { body: firstAttestation });
    expect([replayed.status, replayed.json.error]).toEqual([410, 'invitation_used']);
    expect(replayed.setCookie).toHaveLength(0);
  });
});

describe('invitations that cannot be used', () => {
  it('answers 404 for an unknown one, 410 invitation_revoked for a revoked one, 410 invitation_expired for an expired one', async () => {
    expect((await api('POST', '/api/auth/register/options', { body: { invitation: 'x'.repeat(43) } })).status).toBe(404);

    const revoked = await invite('Revoked Person', 'editor');
    expect((await api('DELETE', `/api/invitations/${revoked.id}`, { authorization: ADMIN })).status).toBe(204);
    const r = await api('POST', '/api/auth/register/options', { body: { invitation: tokenOf(revoked.url) } });
    expect([r.status, r.json.error]).toEqual([410, 'invitation_revoked']);

    // An invitation made 73 hours ago, written straight into npm start's table.
    const endpoint = /DynamoDB Local (http:\/\/\S+)/.exec(herald.output())![1]!;
    const store = new DynamoInvitationStore(makeDocumentClient(makeDynamoClient({ region: 'us-east-1', dynamoEndpoint: endpoint })), 'herald');
    const old = 'expired-invitation-token-0123456789abcdefghij';
    const made = Date.now() - 73 * 3600_000;
    await store.create({ id: crypto.randomUUID(), sha256: sha256Hex(old), name: 'Late', role: 'editor', createdAt: new Date(made).toISOString(), createdBy: 'test', expiresAt: Math.floor(made / 1000) + 72 * 3600 });
    const e = await api('POST', '/api/auth/register/options', { body: { invitation: old } });
    expect([e.status, e.json.error]).toEqual([410, 'invitation_expired']);
  });

  it('refuses a sign-up with a revoked invitation even after its options were fetched (nothing stored)', async () => {
    const inv = await invite('Changed Mind', 'editor');
    const options = await api('POST', '/api/auth/register/options', { body: { invitation: tokenOf(inv.url) } });
    const response = await browser.create(options.json.options);
    await api('DELETE', `/api/invitations/${inv.id}`, { authorization: ADMIN });

    const answer = await api('POST', '/api/auth/register', { body: { invitation: tokenOf(inv.url), response } });

    expect([answer.status, answer.json.error]).toEqual([410, 'invitation_revoked']);
    await browser.forget(String(response.id));
    const users = await api('GET', '/api/users', { authorization: ADMIN });
    expect(users.json.items.map((u: { name: string }) => u.name)).not.toContain('Changed Mind');
  }, 60_000);

  it('refuses a bad attestation with a 400 naming response', async () => {
    const inv = await invite('Typo', 'editor');
    await api('POST', '/api/auth/register/options', { body: { invitation: tokenOf(inv.url) } });
    const bogus = { id: 'AAAA', rawId: 'AAAA', type: 'public-key', response: { clientDataJSON: 'e30', attestationObject: 'oA' }, clientExtensionResults: {} };

    const answer = await api('POST', '/api/auth/register', { body: { invitation: tokenOf(inv.url), response: bogus } });

    expect(answer.status).toBe(400);
    expect(answer.json.details[0].path).toBe('response');
  });
});

describe('sign-in', () => {
  it('signs in with the passkey and refuses the same assertion a second time (401)', async () => {
    const { challengeId, response, answer } = await signIn();
    expect(answer.status).toBe(200);
    expect(answer.json.user.name).toBe('First admin');
    expect(cookieOf(answer.setCookie)).not.toBe(adminCookie);

    const replay = await api('POST', '/api/auth/login', { body: { challengeId, response } });
    expect(replay.status).toBe(401);
    const fresh = await api('POST', '/api/auth/login/options', { body: {} });
    const replayNewChallenge = await api('POST', '/api/auth/login', { body: { challengeId: fresh.json.challengeId, response } });
    expect(replayNewChallenge.status).toBe(401);
    expect(replayNewChallenge.setCookie).toHaveLength(0);
  }, 60_000);

  it('refuses an assertion signed for another origin (401)', async () => {
    const options = await api('POST', '/api/auth/login/options', { body: {} });
    await browser.page.goto('http://localhost:8999/');
    const response = await browser.get(options.json.options);
    await browser.page.goto(`${site}/`);

    const answer = await api('POST', '/api/auth/login', { body: { challengeId: options.json.challengeId, response } });

    expect(answer.status).toBe(401);
    expect(answer.setCookie).toHaveLength(0);
  }, 60_000);
});

describe('the session cookie on the API', () => {
  const announcement = { title: 'Seventh Meeting of States Parties', language: 'en', tags: ['7msp'], status: 'draft' };
  const count = async () => (await api('GET', '/api/announcements?limit=100', { authorization: ADMIN })).json.items.length as number;

  it('refuses a cookie write without X-Herald-CSRF or from another Origin (403 csrf, nothing stored)', async () => {
    const before = await count();
    const refused: Record<string, string>[] = [{}, { origin: site }, { 'x-herald-csrf': '1' }, { 'x-herald-csrf': '1', origin: 'http://evil.example' }];
    for (const headers of refused) {
      const answer = await api('POST', '/api/announcements', { cookie: adminCookie, body: announcement, headers });
      expect([answer.status, answer.json.error]).toEqual([403, 'csrf']);
    }
    expect(await count()).toBe(before);
  });

  it('takes a cookie write with the header and Origin, and history shows the editor\'s name', async () => {
    const created = await api('POST', '/api/announcements', { cookie: adminCookie, body: announcement, headers: csrf() });
    expect(created.status).toBe(201);
    const history = await api('GET', `/api/announcements/${created.json.id}/history`, { cookie: adminCookie });
    expect(history.json.items[0].by).toBe('First admin');
  });

  it('ends a session at sign-out: 204, the cookie cleared, then 401', async () => {
    const { answer } = await signIn();
    const cookie = cookieOf(answer.setCookie);
    expect((await api('POST', '/api/auth/logout', { cookie })).status).toBe(403);

    const out = await api('POST', '/api/auth/logout', { cookie, headers: csrf() });

    expect(out.status).toBe(204);
    expect(out.setCookie[0]).toMatch(/^herald_session=; .*Max-Age=0$/);
    expect((await api('GET', '/api/auth/me', { cookie })).status).toBe(401);
    expect((await api('GET', '/api/announcements', { cookie })).status).toBe(401);
  }, 60_000);

  it('ends a session an admin revokes: 401 on the next request', async () => {
    const { answer } = await signIn();
    const cookie = cookieOf(answer.setCookie);
    const me = await api('GET', '/api/auth/me', { cookie });
    const { id: userId } = me.json.user;

    const revoked = await api('DELETE', `/api/users/${userId}/sessions/${me.json.session.id}`, { cookie: adminCookie, headers: csrf() });

    expect(revoked.status).toBe(204);
    expect((await api('GET', '/api/auth/me', { cookie })).status).toBe(401);
    expect((await api('GET', '/api/announcements', { cookie })).status).toBe(401);
    expect((await api('GET', '/api/auth/me', { cookie: adminCookie })).status).toBe(200);
  }, 60_000);
});

describe('an invited editor', () => {
  it('signs up as an editor, and may not use the admin routes (403)', async () => {
    const inv = await invite('Ana Editor', 'editor');
    const { registered } = await signUp(tokenOf(inv.url));
    expect(registered.json.user).toMatchObject({ name: 'Ana Editor', role: 'editor' });
    const cookie = cookieOf(registered.setCookie);

    expect((await api('GET', '/api/users', { cookie })).status).toBe(403);
    expect((await api('POST', '/api/invitations', { cookie, headers: csrf(), body: { name: 'x', role: 'admin' } })).status).toBe(403);
    const users = await api('GET', '/api/users', { authorization: ADMIN });
    const ana = users.json.items.find((u: { name: string }) => u.name === 'Ana Editor');
    expect(ana.passkeys).toHaveLength(1);
    expect(ana.sessions).toHaveLength(1);
  }, 60_000);
});

describe('bad input to the sign-in steps', () => {
  it('is a 400 naming the field, and starts nothing', async () => {
    const cases: [string, unknown, string][] = [
      ['/api/auth/register/options', {}, 'invitation'],
      ['/api/auth/register/options', { invitation: 'short' }, 'invitation'],
      ['/api/auth/register', { invitation: 'x'.repeat(43), response: { id: 'a' } }, 'response.rawId'],
      ['/api/auth/login', { challengeId: 'not-a-uuid', response: { id: 'a', rawId: 'a', type: 'public-key', response: {} } }, 'challengeId'],
      ['/api/auth/login/options', { extra: 1 }, 'extra'],
    ];
    for (const [path, body, field] of cases) {
      const answer = await api('POST', path, { body });
      expect([path, answer.status]).toEqual([path, 400]);
      expect(answer.json.details.map((d: { path: string }) => d.path)).toContain(field);
      expect(answer.setCookie).toHaveLength(0);
    }
  });
});

describe('the herald command', () => {
  it('invites with `herald invite NAME --role editor`, printing a URL that signs up', async () => {
    const run = await new Promise<{ code: number | null; out: string }>((done) => {
      const child = spawn(process.execPath, [resolve('bin/herald.js'), 'invite', 'Press Officer', '--role', 'editor'], {
        env: { PATH: process.env.PATH, HERALD_URL: herald.base, HERALD_TOKEN: TEST_TOKEN } as NodeJS.ProcessEnv,
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      let out = '';
      child.stdout.on('data', (d: Buffer) => (out += d.toString()));
      child.on('close', (code) => done({ code, out }));
    });
    expect(run.code).toBe(0);
    const url = /(http\S+#invitation=\S+)/.exec(run.out)?.[1];
    expect(url?.startsWith(`${site}/admin/#invitation=`)).toBe(true);

    const { registered } = await signUp(tokenOf(url!));

    expect(registered.json.user).toMatchObject({ name: 'Press Officer', role: 'editor' });
    const cookie = cookieOf(registered.setCookie);
    expect((await api('GET', '/api/media', { cookie })).status).toBe(200);
    expect((await api('POST', '/api/media', { cookie, body: { filename: 'a.jpg', type: 'image/jpeg', length: 10 } })).status).toBe(403);
  }, 60_000);
});

describe('a restart once someone has a passkey', () => {
  it('prints no first-admin invitation, and the sessions still hold', async () => {
    await herald.stop();
    herald = await startHerald(dataDir, (port) => ({ SITE_URL: `http://localhost:${port}` }));
    expect(herald.output()).toContain('herald: admin API');
    expect(herald.output()).not.toContain('First admin');
    // A new port is a new origin: the old cookie still names a live session.
    expect((await api('GET', '/api/auth/me', { cookie: adminCookie })).status).toBe(200);
  }, 120_000);
});

