import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PAGE_STYLE_SOURCE } from '../../shared/http/security-headers';
import { pageKeyOf } from '../../shared/render/page';
import { REVIEW_META } from '../../shared/render/page-review';
import { startHerald, TEST_TOKEN, type HeraldProcess } from '../support/local-process';

/**
 * Review links against `npm start`, as an editor and a reviewer use them: the
 * editor calls the API with a token, the reviewer opens the URL with nothing.
 */
const dataDir = mkdtempSync(join(tmpdir(), 'herald-review-'));
let herald: HeraldProcess;
const ADMIN = `Bearer ${TEST_TOKEN}`;
let EDITOR = '';
const draft = {
  title: 'Draft: Bangkok regional seminar on victim assistance',
  summary: 'Embargoed until 16 March.',
  body: 'Thirty delegates from **eleven countries** met in Bangkok.',
  language: 'en',
  tags: ['seminar'],
  status: 'draft',
};

/** Calls the API as the editor unless told otherwise; '' sends no Authorization header. */
async function api(method: string, path: string, body?: unknown, authorization = EDITOR) {
  const res = await fetch(`${herald.base}${path}`, {
    method,
    headers: { ...(authorization ? { authorization } : {}), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, json: text ? (JSON.parse(text) as Record<string, any>) : {} };
}
/** What a reviewer's browser does: a plain GET, no token, no cookie. */
const open = (url: string) => fetch(url, { redirect: 'manual' });
const post = async (fields: Record<string, unknown> = {}) => (await api('POST', '/api/announcements', { ...draft, ...fields })).json as { id: string; slug: string };
const linkFor = async (id: string, body?: unknown) => (await api('POST', `/api/announcements/${id}/review-links`, body)).json as { id: string; url: string; expiresAt: string };

beforeAll(async () => {
  herald = await startHerald(dataDir);
  EDITOR = `Bearer ${(await api('POST', '/api/tokens', { subject: 'press@example.org', role: 'editor' }, ADMIN)).json.token as string}`;
}, 120_000);
afterAll(async () => {
  await herald?.stop();
}, 60_000);

describe('a review link under npm start', () => {
  it('shows the draft to anyone with the URL: title, body, noindex, no-store, no referrer, the site CSP', async () => {
    const a = await post();
    const link = await linkFor(a.id);
    expect(link.url.startsWith(`${herald.base}/review/`)).toBe(true);

    const res = await open(link.url);
    const html = await res.text();

    expect(res.status).toBe(200);
    expect(html).toContain(`<h1>${draft.title}</h1>`);
    expect(html).toContain('<strong>eleven countries</strong>');
    expect(html).toContain('<meta name="robots" content="noindex">');
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('x-robots-tag')).toBe('noindex');
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    expect(res.headers.get('content-security-policy')).toContain(`style-src ${PAGE_STYLE_SOURCE}`);
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    // The draft itself is still nowhere public.
    expect((await fetch(`${herald.base}/${pageKeyOf(a)}`)).status).toBe(404);
  });

  it('shows a published announcement exactly as its permalink page, plus the review meta', async () => {
    const a = await post({ status: 'published', title: 'Kampala seminar report' });
    const link = await linkFor(a.id);
    let page = '';
    for (const deadline = Date.now() + 15_000; !page && Date.now() < deadline; await new Promise((r) => setTimeout(r, 100))) {
      const res = await fetch(`${herald.base}/${pageKeyOf(a)}`);
      if (res.ok) page = await res.text();
    }
    expect(page).toContain('Kampala seminar report');
    expect((await (await open(link.url)).text()).replace(REVIEW_META, '')).toBe(page);
  });

  it('answers 404 from the very next request after DELETE, with the same page as an unknown token', async () => {
    const a = await post();
    const link = await linkFor(a.id);
    expect((await open(link.url)).status).toBe(200);

    expect((await api('DELETE', `/api/announcements/${a.id}/review-links/${link.id}`)).status).toBe(204);
    const revoked = await open(link.url);
    const unknown = await open(`${herald.base}/review/${'Q'.repeat(43)}`);

    expect(revoked.status).toBe(404);
    expect(unknown.status).toBe(404);
    const body = await revoked.text();
    expect(body).toContain('This review link is not valid');
    expect(body).not.toContain(draft.title);
    expect(await unknown.text()).toBe(body);
    expect(revoked.headers.get('cache-control')).toBe('no-store');
  });

  it('answers 404 once the announcement is retracted after the link was made', async () => {
    const a = await post({ status: 'published', title: 'Statement withdrawn' });
    const link = await linkFor(a.id);
    expect((await open(link.url)).status).toBe(200);
    const res = await fetch(`${herald.base}/api/announcements/${a.id}`, { method: 'DELETE', headers: { authorization: EDITOR, 'if-match': '"v1"' } });
    expect(res.status).toBe(200);
    const after = await open(link.url);
    expect(after.status).toBe(404);
    expect(await after.text()).not.toContain('Statement withdrawn');
  });
});

describe('the review-link routes under npm start', () => {
  it('refuse a bad expiresInHours with 400 naming it, storing nothing', async () => {
    const a = await post();
    for (const expiresInHours of [0, 721, 'soon']) {
      const res = await api('POST', `/api/announcements/${a.id}/review-links`, { expiresInHours });
      expect(res.status).toBe(400);
      expect(res.json.details.map((d: { path: string }) => d.path)).toEqual(['expiresInHours']);
    }
    expect((await api('GET', `/api/announcements/${a.id}/review-links`)).json.items).toEqual([]);
  });

  it('answer 404 for an unknown announcement', async () => {
    const unknown = '00000000-0000-4000-8000-00000000dead';
    expect((await api('POST', `/api/announcements/${unknown}/review-links`)).status).toBe(404);
    expect((await api('GET', `/api/announcements/${unknown}/review-links`)).status).toBe(404);
  });

  it('list the links of an announcement with expiry and creator, never a token', async () => {
    const a = await post();
    const link = await linkFor(a.id, { expiresInHours: 1 });
    const listed = await api('GET', `/api/announcements/${a.id}/review-links`);
    expect(listed.status).toBe(200);
    expect(listed.json.items).toEqual([{ id: link.id, announcementId: a.id, createdBy: 'press@example.org', createdAt: expect.any(String), expiresAt: link.expiresAt }]);
    expect(JSON.stringify(listed.json)).not.toContain(link.url.split('/').pop());
  });

  it('need a token (401 without one) and let an editor or an admin in', async () => {
    const a = await post();
    const base = `/api/announcements/${a.id}/review-links`;
    for (const [method, path] of [['POST', base], ['GET', base], ['DELETE', `${base}/00000000-0000-4000-8000-000000000001`]] as const) {
      expect((await api(method, path, undefined, '')).status).toBe(401);
      expect((await api(method, path, undefined, 'Bearer not-a-token-at-all')).status).toBe(401);
    }
    expect((await api('POST', base, undefined, ADMIN)).status).toBe(201);
    expect((await api('POST', base, undefined, EDITOR)).status).toBe(201);
    expect((await api('GET', base, undefined, ADMIN)).json.items).toHaveLength(2);
  });
});
