import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { validateXML } from 'xmllint-wasm';
import { processesMentioning, startHerald, TEST_TOKEN, type HeraldProcess } from '../support/local-process';
import { waitForBody } from '../support/wait-for-body';

const dataDir = mkdtempSync(join(tmpdir(), 'herald-e2e-'));
let herald: HeraldProcess;
const auth = { authorization: `Bearer ${TEST_TOKEN}` };
const meeting = {
  title: 'Seventh Meeting of States Parties opens in Geneva',
  summary: 'Delegations meet at the Palais des Nations, 4-6 September 2017.',
  body: 'The meeting is presided over by an **ambassador**.\n\nPress contact: +41 22 000 00 00',
  language: 'en',
  tags: ['msp'],
  status: 'published',
};

async function api(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(`${herald.base}${path}`, {
    method,
    headers: { ...auth, ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, json: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
}

/** Waits for a published object at `path` on this Herald to satisfy `predicate`. */
const waitForFeed = (path: string, predicate: (body: string) => boolean) => waitForBody(`${herald.base}${path}`, predicate);

async function wellFormed(xml: string): Promise<void> {
  const result = await validateXML({ xml: [{ fileName: 'feed.xml', contents: xml }], normalization: 'format' });
  expect(result.errors).toEqual([]);
}

beforeAll(async () => {
  herald = await startHerald(dataDir);
}, 120_000);
afterAll(async () => {
  await herald?.stop();
});

describe('the local runtime, used as a newcomer would', () => {
  let id = '';

  it('refuses a post without a token and accepts one with it', async () => {
    const anonymous = await fetch(`${herald.base}/api/announcements`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(meeting),
    });
    expect(anonymous.status).toBe(401);
    const created = await api('POST', '/api/announcements', meeting);
    expect(created.status).toBe(201);
    id = String(created.json.id);
    expect(created.headers.get('location')).toBe(`/api/announcements/${id}`);
  });

  it('shows the item in RSS, Atom and JSON Feed, well-formed', async () => {
    const rss = await waitForFeed('/feeds/rss.xml', (b) => b.includes(meeting.title));
    const atom = await waitForFeed('/feeds/atom.xml', (b) => b.includes(meeting.title));
    const json = await waitForFeed('/feeds/tags/msp/feed.json', (b) => b.includes(meeting.title));
    await wellFormed(rss);
    await wellFormed(atom);
    const parsed = JSON.parse(json) as { version: string; items: { id: string; title: string }[] };
    expect(parsed.version).toBe('https://jsonfeed.org/version/1.1');
    expect(parsed.items.map((i) => [i.id, i.title])).toEqual([[`urn:uuid:${id}`, meeting.title]]);
    expect(rss).toContain(`<guid isPermaLink="false">urn:uuid:${id}</guid>`);
    expect(await waitForFeed('/feeds/en/atom.xml', (b) => b.includes(meeting.title))).toContain('xml:lang="en"');
  });

  it('serves feeds with their type, validators and cache policy, and answers 304 to a conditional GET', async () => {
    const res = await fetch(`${herald.base}/feeds/rss.xml`);
    expect(res.headers.get('content-type')).toBe('application/rss+xml; charset=utf-8');
    expect(res.headers.get('cache-control')).toMatch(/max-age=60/);
    const etag = res.headers.get('etag') ?? '';
    const modified = res.headers.get('last-modified') ?? '';
    expect(etag).toMatch(/^"[0-9a-f]+"$/);
    expect(Date.parse(modified)).not.toBeNaN();
    expect((await fetch(`${herald.base}/feeds/rss.xml`, { headers: { 'if-none-match': etag } })).status).toBe(304);
    expect((await fetch(`${herald.base}/feeds/rss.xml`, { headers: { 'if-modified-since': modified } })).status).toBe(304);
    expect((await fetch(`${herald.base}/feeds/rss.xml`, { headers: { 'if-none-match': '"stale"' } })).status).toBe(200);
    expect((await fetch(`${herald.base}/feeds/../package.json`)).status).toBe(404);
  });

  it('never puts a draft in a feed', async () => {
    const draft = await api('POST', '/api/announcements', { ...meeting, title: 'Unreleased draft statement', status: 'draft' });
    expect(draft.status).toBe(201);
    const marker = await api('POST', '/api/announcements', { ...meeting, title: 'Published after the draft' });
    expect(marker.status).toBe(201);
    const rss = await waitForFeed('/feeds/rss.xml', (b) => b.includes('Published after the draft'));
    expect(rss).not.toContain('Unreleased draft statement');
  });

  it('answers bad input with a 400 naming the field and stores nothing', async () => {
    const before = await api('GET', '/api/announcements?limit=100');
    const missing = await api('POST', '/api/announcements', { ...meeting, title: undefined });
    expect(missing.status).toBe(400);
    expect(JSON.stringify(missing.json.details)).toContain('title');
    const wrongType = await api('POST', '/api/announcements', { ...meeting, tags: 'msp' });
    expect(wrongType.status).toBe(400);
    expect(JSON.stringify(wrongType.json.details)).toContain('tags');
    const after = await api('GET', '/api/announcements?limit=100');
    expect((after.json.items as unknown[]).length).toBe((before.json.items as unknown[]).length);
  });

  it('removes the item from every feed when it is deleted', async () => {
    const head = await fetch(`${herald.base}/api/announcements/${id}`, { method: 'HEAD', headers: auth });
    const etag = head.headers.get('etag') ?? '';
    expect(etag).toBe('"v1"');
    expect((await api('DELETE', `/api/announcements/${id}`)).status).toBe(428);
    const deleted = await api('DELETE', `/api/announcements/${id}`, undefined, { 'if-match': etag });
    expect(deleted.status).toBe(200);
    for (const path of ['/feeds/rss.xml', '/feeds/atom.xml', '/feeds/feed.json', '/feeds/tags/msp/rss.xml']) {
      await waitForFeed(path, (b) => b.length > 0 && !b.includes(meeting.title));
    }
  });

  it('publishes a scheduled announcement on the local timer once its time has come', async () => {
    const publishAt = new Date(Date.now() + 3000).toISOString().replace('Z', '+00:00');
    const scheduled = await api('POST', '/api/announcements', { ...meeting, title: 'Embargoed until three seconds from now', status: 'scheduled', publishAt });
    expect(scheduled.status).toBe(201);
    expect(scheduled.json.status).toBe('scheduled');
    expect(await fetch(`${herald.base}/feeds/rss.xml`).then((r) => r.text())).not.toContain('Embargoed until');
    await waitForFeed('/feeds/rss.xml', (b) => b.includes('Embargoed until three seconds from now'));
    const stored = await api('GET', `/api/announcements/${String(scheduled.json.id)}`);
    expect(stored.json).toMatchObject({ status: 'published', updatedBy: 'scheduler' });
    expect(Date.parse(String(stored.json.publishedAt))).toBeGreaterThanOrEqual(Date.parse(publishAt));
  });

  it('lets an admin issue an editor token over HTTP, and refuses it once revoked', async () => {
    const issued = await api('POST', '/api/tokens', { subject: 'press-office', role: 'editor' });
    expect(issued.status).toBe(201);
    const editor = { authorization: `Bearer ${String(issued.json.token)}` };
    const post = await api('POST', '/api/announcements', { ...meeting, status: 'draft' }, editor);
    expect(post.status).toBe(201);
    expect(post.json.createdBy).toBe('press-office');
    expect((await api('GET', '/api/tokens', undefined, editor)).status).toBe(403);
    expect((await api('DELETE', `/api/tokens/${String(issued.json.id)}`)).status).toBe(200);
    expect((await api('GET', '/api/announcements', undefined, editor)).status).toBe(401);
  });

  it('rebuilds every feed on request and reports what it changed', async () => {
    const accepted = await api('POST', '/api/feeds/rebuild');
    expect(accepted.status).toBe(202);
    const location = accepted.headers.get('location') ?? '';
    const deadline = Date.now() + 15_000;
    let done: Record<string, unknown> = {};
    while (Date.now() < deadline && done.status !== 'done') {
      done = (await api('GET', location)).json;
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(done.status).toBe('done');
    const report = done.report as { feeds: string[]; written: string[]; unchanged: string[] };
    expect(report.feeds).toEqual(expect.arrayContaining(['site', 'lang:en', 'tag:msp']));
    // Feeds are kept current by the stream, so a rebuild finds nothing to rewrite.
    expect(report.written).toEqual([]);
  });

  it('stops cleanly on SIGTERM and keeps everything across a restart', async () => {
    const listed = await api('GET', '/api/announcements?limit=100');
    const rssBefore = await fetch(`${herald.base}/feeds/rss.xml`).then((r) => r.text());
    await herald.stop();
    expect(herald.output()).toContain('herald: SIGTERM, stopping...');
    // The JVM gets the same SIGTERM; give it a bounded moment to exit, then insist.
    for (let i = 0; i < 100 && processesMentioning(resolve(dataDir, 'dynamodb')).length; i++) {
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(processesMentioning(resolve(dataDir, 'dynamodb'))).toEqual([]);
    herald = await startHerald(dataDir);
    const relisted = await api('GET', '/api/announcements?limit=100');
    expect(relisted.json.items).toEqual(listed.json.items);
    expect(await fetch(`${herald.base}/feeds/rss.xml`).then((r) => r.text())).toBe(
      rssBefore.replaceAll(/127\.0\.0\.1:\d+/g, `127.0.0.1:${herald.port}`),
    );
  }, 120_000);
});
