import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../support/run-cli';
import { apiClient, detailPaths as paths } from '../support/api-client';
import { startHerald, TEST_TOKEN, type HeraldProcess } from '../support/local-process';

const dataDir = mkdtempSync(join(tmpdir(), 'herald-redirects-'));
let herald: HeraldProcess;
let editorToken = '';

const api = apiClient(() => herald.base);
const visit = (path: string, method = 'GET') => fetch(`${herald.base}${path}`, { method, redirect: 'manual' });
const everything = async () => (await api('GET', '/api/redirects?limit=1000')).json.items as { from: string; to: string }[];

const cli = (args: string[]) => runCli(herald.base, args);

beforeAll(async () => {
  herald = await startHerald(dataDir);
  editorToken = (await api('POST', '/api/tokens', { subject: 'press-office', role: 'editor' })).json.token as string;
}, 120_000);
afterAll(async () => {
  await herald?.stop();
});

describe('redirects from the old site on npm start', () => {
  beforeAll(async () => {
    const saved = await api('PUT', '/api/redirects', {
      redirects: [
        { from: '/2017/09/seventh-meeting-of-states-parties/', to: '/news/seventh-meeting-1a2b3c4d/' },
        { from: '/?p=123', to: '/news/bangkok-seminar-2b3c4d5e/' },
      ],
    });
    expect(saved).toEqual({ status: 200, json: { saved: 2 } });
  });

  it('answers GET of an old path with 301 to SITE_URL + to', async () => {
    const res = await visit('/2017/09/seventh-meeting-of-states-parties/');
    expect(res.status).toBe(301);
    expect(res.headers.get('location')).toBe(`${herald.base}/news/seventh-meeting-1a2b3c4d/`);
  });

  it('answers HEAD the same way', async () => {
    const res = await visit('/2017/09/seventh-meeting-of-states-parties/', 'HEAD');
    expect(res.status).toBe(301);
    expect(res.headers.get('location')).toBe(`${herald.base}/news/seventh-meeting-1a2b3c4d/`);
  });

  it('matches a query-form path with its query, and falls back to the path for an unknown query', async () => {
    expect((await visit('/?p=123')).headers.get('location')).toBe(`${herald.base}/news/bangkok-seminar-2b3c4d5e/`);
    const home = await visit('/?p=999');
    expect(home.status).toBe(200);
    expect(await home.text()).toContain('<html');
  });

  it('leaves a path without a redirect to the static objects (404 here)', async () => {
    const res = await visit('/2017/09/no-such-post/');
    expect(res.status).toBe(404);
    expect(res.headers.get('location')).toBeNull();
  });

  it('lists them in from order, and a repeated pair changes nothing', async () => {
    const before = (await api('GET', '/api/redirects')).json.items as { updatedAt: string }[];
    expect((await api('PUT', '/api/redirects', { redirects: [{ from: '/?p=123', to: '/news/bangkok-seminar-2b3c4d5e/' }] })).status).toBe(200);
    const after = (await api('GET', '/api/redirects')).json;
    expect(after.items.map((r: { from: string }) => r.from)).toEqual(['/2017/09/seventh-meeting-of-states-parties/', '/?p=123']);
    expect(after.items.map((r: { updatedAt: string }) => r.updatedAt)).toEqual(before.map((r) => r.updatedAt));
  });

  it('serves a new to at once, and stops serving a deleted redirect', async () => {
    await api('PUT', '/api/redirects', { redirects: [{ from: '/old/about/', to: '/about-v1/' }] });
    await api('PUT', '/api/redirects', { redirects: [{ from: '/old/about/', to: '/about-v2/' }] });
    expect((await visit('/old/about/')).headers.get('location')).toBe(`${herald.base}/about-v2/`);

    const removed = await fetch(`${herald.base}/api/redirects?from=${encodeURIComponent('/old/about/')}`, { method: 'DELETE', headers: { authorization: `Bearer ${TEST_TOKEN}` } });
    expect(removed.status).toBe(204);
    expect((await visit('/old/about/')).status).toBe(404);
    expect((await api('DELETE', `/api/redirects?from=${encodeURIComponent('/old/about/')}`)).status).toBe(404);
  });

  it('are listed by `herald redirects list`, every page', async () => {
    const res = await cli(['redirects', 'list']);
    expect(res.code).toBe(0);
    expect(res.out.trim().split('\n')).toEqual([
      '/2017/09/seventh-meeting-of-states-parties/ -> /news/seventh-meeting-1a2b3c4d/',
      '/?p=123 -> /news/bangkok-seminar-2b3c4d5e/',
    ]);
    expect((await cli(['redirects', 'nonsense'])).code).toBe(2);
  });
});

describe('who may manage redirects', () => {
  const routes: [string, string, unknown][] = [
    ['PUT', '/api/redirects', { redirects: [{ from: '/x/', to: '/y/' }] }],
    ['GET', '/api/redirects', undefined],
    ['DELETE', '/api/redirects?from=%2Fx%2F', undefined],
  ];

  it.each(routes)('%s %s: 401 without a token, 403 for an editor', async (method, path, body) => {
    expect((await api(method, path, body, null)).status).toBe(401);
    expect((await api(method, path, body, 'hrld_not-a-real-token-000000000000000000000000000')).status).toBe(401);
    const editor = await api(method, path, body, editorToken);
    expect(editor.status).toBe(403);
    expect(await everything()).not.toContainEqual(expect.objectContaining({ from: '/x/' }));
  });
});

describe('bad input: 400 naming the field, nothing stored', () => {
  it.each([
    ['an open redirect to another host', { from: '/a/', to: '//evil.example/' }, 'redirects.0.to'],
    ['an absolute URL as to', { from: '/a/', to: 'https://evil.example/' }, 'redirects.0.to'],
    ['a backslash trick', { from: '/a/', to: '/\\evil.example' }, 'redirects.0.to'],
    ['a header injection', { from: '/a/', to: '/b/\r\nSet-Cookie: x=1' }, 'redirects.0.to'],
    ['a from with a host', { from: 'https://old.example/a/', to: '/b/' }, 'redirects.0.from'],
    ['a from too long', { from: `/${'a'.repeat(600)}`, to: '/b/' }, 'redirects.0.from'],
    ['a from with a control character', { from: '/a\u0007/', to: '/b/' }, 'redirects.0.from'],
  ])('refuses %s', async (_what, pair, field) => {
    const res = await api('PUT', '/api/redirects', { redirects: [{ from: '/good/', to: '/fine/' }, pair] });
    expect(res.status).toBe(400);
    expect(paths(res)).toEqual([field.replace('.0.', '.1.')]);
    expect((await everything()).map((r) => r.from)).not.toContain('/good/');
    expect((await visit('/good/')).status).toBe(404);
  });

  it('refuses an empty list, a missing from on DELETE and a bad cursor, naming each', async () => {
    expect(paths(await api('PUT', '/api/redirects', { redirects: [] }))).toEqual(['redirects']);
    expect(paths(await api('DELETE', '/api/redirects'))).toEqual(['from']);
    expect(paths(await api('GET', '/api/redirects?cursor=bm9wZQ'))).toEqual(['cursor']);
    expect(paths(await api('GET', '/api/redirects?limit=0'))).toEqual(['limit']);
  });
});

describe('after a restart', () => {
  it('serves the stored redirects again, loaded from the table at start', async () => {
    expect((await api('PUT', '/api/redirects', { redirects: [{ from: '/?p=123', to: '/news/bangkok-seminar-2b3c4d5e/' }] })).status).toBe(200);
    await herald.stop();
    herald = await startHerald(dataDir);
    const res = await visit('/?p=123');
    expect(res.status).toBe(301);
    expect(res.headers.get('location')).toBe(`${herald.base}/news/bangkok-seminar-2b3c4d5e/`);
  }, 120_000);
});
