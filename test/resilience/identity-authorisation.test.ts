import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { makeIdentityApp } from '../../functions/identity/app';
import { DynamoTokenStore } from '../../shared/adapters/dynamo-token-store';
import { loadLocalConfig } from '../../shared/config';
import { sha256Hex } from '../../shared/hash';
import { makeSessionService } from '../../shared/services/session-service';
import { DynamoSessionStore } from '../../shared/adapters/dynamo-session-store';
import { wireIdentity } from '../../shared/wiring/identity';
import { startEmulators, type Emulators } from '../support/emulators';
import { tableSnapshot } from './support';

/**
 * Every identity admin route x caller against the identity app on DynamoDB
 * Local: nobody 401, editors (token or cookie) 403, a cookie write without the
 * CSRF header 403, admins (token or cookie) succeed; a refused request changes no item.
 */
const SITE = 'https://news.example.org';
const ADMIN_TOKEN = 'test-bootstrap-admin-token-0123456789';
let emu: Emulators;
let app: ReturnType<typeof makeIdentityApp>;
const auth: Record<string, Record<string, string>> = {};
const USER = '00000000-0000-4000-8000-000000000001';

function event(method: string, path: string, headers: Record<string, string>, body?: unknown): APIGatewayProxyEventV2 {
  const { cookie, ...rest } = headers;
  return {
    version: '2.0',
    routeKey: '$default',
    rawPath: path,
    rawQueryString: '',
    headers: { ...rest, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(cookie ? { cookies: [cookie] } : {}),
    requestContext: { http: { method, path }, requestId: 'test' } as APIGatewayProxyEventV2['requestContext'],
    body: body === undefined ? undefined : JSON.stringify(body),
    isBase64Encoded: false,
  };
}

beforeAll(async () => {
  emu = await startEmulators();
  const config = loadLocalConfig({}, { tableName: emu.table, bucketName: emu.bucket, siteUrl: SITE, adminTokenSha256: sha256Hex(ADMIN_TOKEN), hubs: [], dynamoEndpoint: emu.endpoints.dynamo, s3Endpoint: emu.endpoints.s3 });
  app = makeIdentityApp(wireIdentity(config));
  const tokens = new DynamoTokenStore(emu.doc, emu.table);
  await tokens.create({ id: crypto.randomUUID(), sha256: sha256Hex('hrd_editor-token-0123456789abcdefghijklmnopq'), subject: 'press@example.org', role: 'editor', createdAt: '2026-11-29T10:00:00.000Z' });
  const sessions = makeSessionService({ sessions: new DynamoSessionStore(emu.doc, emu.table), clock: () => new Date(), newId: () => crypto.randomUUID() });
  const cookie = async (role: 'admin' | 'editor') => `herald_session=${(await sessions.create({ id: USER, name: `A ${role}`, role })).token}`;
  const csrf = { 'x-herald-csrf': '1', origin: SITE };
  auth.none = {};
  auth.unknown = { authorization: 'Bearer hrd_unknown-token-0123456789abcdefghijklmn' };
  auth['editor token'] = { authorization: 'Bearer hrd_editor-token-0123456789abcdefghijklmnopq' };
  auth['editor cookie'] = { cookie: await cookie('editor'), ...csrf };
  auth['admin cookie, no CSRF'] = { cookie: await cookie('admin') };
  auth['admin token'] = { authorization: `Bearer ${ADMIN_TOKEN}` };
  auth['admin cookie'] = { cookie: await cookie('admin'), ...csrf };
}, 120_000);
afterAll(() => emu.stop());

type Cell = { name: string; method: string; path: () => Promise<string> | string; body?: unknown; ok: number; write: boolean };
const routes: Cell[] = [
  { name: 'POST /api/invitations', method: 'POST', path: () => '/api/invitations', body: { name: 'New Editor', role: 'editor' }, ok: 201, write: true },
  { name: 'GET /api/invitations', method: 'GET', path: () => '/api/invitations', ok: 200, write: false },
  {
    name: 'DELETE /api/invitations/{id}',
    method: 'DELETE',
    path: async () => `/api/invitations/${JSON.parse((await app(event('POST', '/api/invitations', auth['admin token']!, { name: 'X', role: 'editor' }))).body!).id}`,
    ok: 204,
    write: true,
  },
  { name: 'GET /api/users', method: 'GET', path: () => '/api/users', ok: 200, write: false },
  // Nothing to delete: an admin gets 404 (the route ran), everyone else is refused first.
  { name: 'DELETE /api/users/{id}/passkeys/{passkeyId}', method: 'DELETE', path: () => `/api/users/${USER}/passkeys/Y3JlZA`, ok: 404, write: true },
  { name: 'DELETE /api/users/{id}/sessions/{sessionId}', method: 'DELETE', path: () => `/api/users/${USER}/sessions/00000000-0000-4000-8000-0000000000ff`, ok: 404, write: true },
];
const expected: Record<string, (c: Cell) => number> = {
  none: () => 401,
  unknown: () => 401,
  'editor token': () => 403,
  'editor cookie': () => 403,
  'admin cookie, no CSRF': (c) => (c.write ? 403 : c.ok),
  'admin token': (c) => c.ok,
  'admin cookie': (c) => c.ok,
};

describe('the identity admin routes', () => {
  for (const cell of routes) {
    for (const caller of Object.keys(expected)) {
      it(`${cell.name} as ${caller}: ${expected[caller]!(cell)}`, async () => {
        const path = await cell.path();
        const before = await tableSnapshot(emu.doc, emu.table);
        const res = await app(event(cell.method, path, auth[caller]!, cell.body));
        const want = expected[caller]!(cell);
        expect(`${cell.method} ${path} -> ${res.statusCode}`).toBe(`${cell.method} ${path} -> ${want}`);
        if (want >= 400) expect(await tableSnapshot(emu.doc, emu.table)).toEqual(before);
        if (caller === 'admin cookie, no CSRF' && cell.write) expect(JSON.parse(res.body!).error).toBe('csrf');
      });
    }
  }
});

describe('GET /api/auth/me (public: it checks the caller itself)', () => {
  it('names a token caller by its subject with no session, a cookie caller by name with its session, and nobody with 401', async () => {
    const asToken = await app(event('GET', '/api/auth/me', auth['admin token']!));
    expect(JSON.parse(asToken.body!)).toEqual({ user: { id: 'bootstrap-admin', name: 'bootstrap-admin', role: 'admin' }, session: null });
    const asCookie = JSON.parse((await app(event('GET', '/api/auth/me', auth['editor cookie']!))).body!);
    expect(asCookie.user).toEqual({ id: USER, name: 'A editor', role: 'editor' });
    expect(Date.parse(asCookie.session.expiresAt)).toBeGreaterThan(Date.now());
    expect((await app(event('GET', '/api/auth/me', {}))).statusCode).toBe(401);
    expect((await app(event('GET', '/api/auth/me', auth.unknown!))).statusCode).toBe(401);
  });

  it('signs out only a cookie session (a token gets 401), and only with the CSRF rule', async () => {
    expect((await app(event('POST', '/api/auth/logout', auth['admin token']!))).statusCode).toBe(401);
    const noCsrf = await app(event('POST', '/api/auth/logout', { cookie: auth['editor cookie']!.cookie! }));
    expect([noCsrf.statusCode, JSON.parse(noCsrf.body!).error]).toEqual([403, 'csrf']);
  });
});

