import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { adminAppOn, apiEvent, ADMIN_TOKEN } from '../support/admin-app';
import { startEmulators, type Emulators } from '../support/emulators';
import { tableSnapshot } from './support';

/**
 * Every route x method x caller against the admin app on DynamoDB Local.
 * Unauthenticated callers get 401, editors on admin routes 403, allowed
 * callers succeed; no refused request changes a single item of the table.
 */
let emu: Emulators;
let api: ReturnType<typeof adminAppOn>;

type Caller = 'none' | 'basic' | 'short' | 'unknown' | 'revoked-editor' | 'revoked-admin' | 'editor' | 'admin' | 'bootstrap';
const callers: Caller[] = ['none', 'basic', 'short', 'unknown', 'revoked-editor', 'revoked-admin', 'editor', 'admin', 'bootstrap'];
const authHeader: Partial<Record<Caller, string>> = {};
let shared: Fixture;

/** Ids of real resources, so a refusal is never just a 404 in disguise. */
type Fixture = { announcementId: string; etag: string; tokenId: string; rebuildId: string };

type Cell = {
  method: string;
  path: (f: Fixture) => string;
  role: 'public' | 'any' | 'admin';
  write: boolean;
  ok: number;
  body?: unknown;
  headers?: (f: Fixture) => Record<string, string>;
};

let imported = 0;
const announcement = { title: 'Seminar in Kampala, 29-30 May', language: 'en', tags: ['seminar'], status: 'published' };
const routes: Cell[] = [
  { method: 'GET', path: () => '/api/health', role: 'public', write: false, ok: 200 },
  { method: 'HEAD', path: () => '/api/health', role: 'public', write: false, ok: 200 },
  { method: 'POST', path: () => '/api/announcements', role: 'any', write: true, ok: 201, body: announcement },
  { method: 'GET', path: () => '/api/announcements', role: 'any', write: false, ok: 200 },
  { method: 'HEAD', path: () => '/api/announcements', role: 'any', write: false, ok: 200 },
  { method: 'GET', path: (f) => `/api/announcements/${f.announcementId}`, role: 'any', write: false, ok: 200 },
  { method: 'HEAD', path: (f) => `/api/announcements/${f.announcementId}`, role: 'any', write: false, ok: 200 },
  { method: 'GET', path: (f) => `/api/announcements/${f.announcementId}/history`, role: 'any', write: false, ok: 200 },
  {
    method: 'PUT',
    path: (f) => `/api/announcements/${f.announcementId}`,
    role: 'any',
    write: true,
    ok: 200,
    body: { ...announcement, title: 'Seminar in Kampala (edited)' },
    headers: (f) => ({ 'if-match': f.etag }),
  },
  {
    method: 'DELETE',
    path: (f) => `/api/announcements/${f.announcementId}`,
    role: 'any',
    write: true,
    ok: 200,
    headers: (f) => ({ 'if-match': f.etag }),
  },
  { method: 'POST', path: () => '/api/tokens', role: 'admin', write: true, ok: 201, body: { subject: 'new@example.org', role: 'admin' } },
  {
    method: 'POST',
    path: () => '/api/import',
    role: 'admin',
    write: true,
    ok: 200,
    // A new guid on every call: the same item again would be "unchanged", and so write nothing.
    get body() {
      return { items: [{ guid: `https://old.example.org/?p=${++imported}`, title: 'Old news', language: 'en', publishedAt: '2017-09-04T09:00:00+02:00' }] };
    },
  },
  { method: 'GET', path: () => '/api/tokens', role: 'admin', write: false, ok: 200 },
  { method: 'DELETE', path: (f) => `/api/tokens/${f.tokenId}`, role: 'admin', write: true, ok: 200 },
  { method: 'POST', path: () => '/api/feeds/rebuild', role: 'admin', write: true, ok: 202 },
  { method: 'GET', path: (f) => `/api/feeds/rebuilds/${f.rebuildId}`, role: 'admin', write: false, ok: 200 },
];

async function issue(subject: string, role: 'editor' | 'admin') {
  const res = await api.call('POST', '/api/tokens', { body: { subject, role } });
  expect(res.status).toBe(201);
  return res.body as { id: string; token: string };
}

/** Fresh resources for one cell, made with the bootstrap admin token. */
async function fixture(): Promise<Fixture> {
  const created = await api.call('POST', '/api/announcements', { body: announcement });
  expect(created.status).toBe(201);
  const token = await issue('victim@example.org', 'editor');
  const rebuild = await api.call('POST', '/api/feeds/rebuild');
  expect(rebuild.status).toBe(202);
  return { announcementId: created.body.id, etag: created.headers.etag!, tokenId: token.id, rebuildId: rebuild.body.id };
}

function expected(cell: Cell, caller: Caller): number {
  if (cell.role === 'public') return cell.ok;
  if (!['editor', 'admin', 'bootstrap'].includes(caller)) return 401;
  if (cell.role === 'admin' && caller === 'editor') return 403;
  return cell.ok;
}

beforeAll(async () => {
  emu = await startEmulators();
  api = adminAppOn(emu);
  const editor = await issue('editor@example.org', 'editor');
  const admin = await issue('admin@example.org', 'admin');
  const goneEditor = await issue('leaver@example.org', 'editor');
  const goneAdmin = await issue('former-admin@example.org', 'admin');
  for (const gone of [goneEditor, goneAdmin]) expect((await api.call('DELETE', `/api/tokens/${gone.id}`)).status).toBe(200);
  Object.assign(authHeader, {
    basic: `Basic ${Buffer.from(`admin:${ADMIN_TOKEN}`).toString('base64')}`,
    short: 'Bearer hrd_short',
    unknown: `Bearer hrd_${'A'.repeat(43)}`,
    'revoked-editor': `Bearer ${goneEditor.token}`,
    'revoked-admin': `Bearer ${goneAdmin.token}`,
    editor: `Bearer ${editor.token}`,
    admin: `Bearer ${admin.token}`,
    bootstrap: `Bearer ${ADMIN_TOKEN}`,
  });
  shared = await fixture();
}, 120_000);
afterAll(() => emu.stop());

const matrix = routes.flatMap((cell) => callers.map((caller) => ({ cell, caller, status: expected(cell, caller) })));

describe('authorisation matrix (admin app on DynamoDB Local)', () => {
  it.each(matrix.map((m) => [`${m.cell.method} ${m.cell.path({ announcementId: '{id}', etag: '', tokenId: '{id}', rebuildId: '{id}' })}`, m.caller, m.status, m] as const))(
    '%s as %s -> %i',
    async (_name, caller, status, { cell }) => {
      // Only an allowed write uses its resources up; every other cell shares one set.
      const f = status < 400 && cell.write ? await fixture() : shared;
      const before = await tableSnapshot(emu.doc, emu.table);
      const auth = authHeader[caller];
      const res = await api.app(
        apiEvent(cell.method, cell.path(f), {
          token: '',
          ...(cell.body === undefined ? {} : { body: cell.body }),
          headers: { ...(auth ? { authorization: auth } : {}), ...(cell.headers?.(f) ?? {}) },
        }),
      );
      expect(res.statusCode).toBe(status);
      const after = await tableSnapshot(emu.doc, emu.table);
      if (status >= 400) {
        // A refusal writes nothing, and says why without leaking anything.
        expect(after).toEqual(before);
        const body = cell.method === 'HEAD' ? {} : (JSON.parse(res.body ?? '{}') as Record<string, unknown>);
        if (cell.method !== 'HEAD') expect(body.error).toBe(status === 401 ? 'unauthorized' : 'forbidden');
        if (status === 401) expect(res.headers?.['www-authenticate']).toBe('Bearer realm="herald"');
        expect(res.body ?? '').not.toContain(ADMIN_TOKEN);
      } else if (cell.write) {
        // The allowed write did happen (the same matrix proves both directions).
        expect(after).not.toEqual(before);
      } else {
        expect(after).toEqual(before);
      }
    },
  );

  it('refuses a revoked token from its very next request, for every write route', async () => {
    const doomed = await issue('doomed@example.org', 'admin');
    const f = await fixture();
    const ok = await api.call('GET', '/api/tokens', { token: doomed.token });
    expect(ok.status).toBe(200);
    expect((await api.call('DELETE', `/api/tokens/${doomed.id}`)).status).toBe(200);
    const before = await tableSnapshot(emu.doc, emu.table);
    const statuses: number[] = [];
    for (const cell of routes.filter((r) => r.write)) {
      const res = await api.call(cell.method, cell.path(f), {
        token: doomed.token,
        ...(cell.body === undefined ? {} : { body: cell.body }),
        headers: cell.headers?.(f) ?? {},
      });
      statuses.push(res.status);
    }
    expect(statuses).toEqual(routes.filter((r) => r.write).map(() => 401));
    expect(await tableSnapshot(emu.doc, emu.table)).toEqual(before);
  });

  it('answers an unknown method with 405 and an unknown path with 404, for callers with or without a token, writing nothing', async () => {
    const f = await fixture();
    const before = await tableSnapshot(emu.doc, emu.table);
    for (const caller of callers) {
      const auth = authHeader[caller];
      const headers: Record<string, string> = auth ? { authorization: auth } : {};
      const patch = await api.app(apiEvent('PATCH', `/api/announcements/${f.announcementId}`, { token: '', headers, body: announcement }));
      expect(patch.statusCode).toBe(405);
      expect(patch.headers?.allow).toBe('GET, PUT, DELETE');
      const nowhere = await api.app(apiEvent('POST', '/api/announcementz', { token: '', headers, body: announcement }));
      expect(nowhere.statusCode).toBe(404);
    }
    expect(await tableSnapshot(emu.doc, emu.table)).toEqual(before);
  });
});
