import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startHerald, TEST_TOKEN, type HeraldProcess } from '../support/local-process';
import { exifTags, jpegWithGps, revealing, SVG_WITH_SCRIPT, writeTemp } from '../support/media-fixtures';

const dataDir = mkdtempSync(join(tmpdir(), 'herald-fetch-'));
const work = mkdtempSync(join(tmpdir(), 'herald-fetch-files-'));
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
let herald: HeraldProcess;
let old: Server;
let oldSite = '';
let photo: Buffer;
let editorToken = '';

type Answer = { status: number; json: Record<string, any> };
async function fetchMedia(body: unknown, token: string | null = TEST_TOKEN): Promise<Answer> {
  const res = await fetch(`${herald.base}/api/media/fetch`, {
    method: 'POST',
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, json: text ? (JSON.parse(text) as Record<string, any>) : {} };
}
const mediaCount = async () => ((await (await fetch(`${herald.base}/api/media?limit=100`, { headers: { authorization: `Bearer ${TEST_TOKEN}` } })).json()) as { items: { status: string }[] }).items.filter((m) => m.status === 'ready').length;

/** The organisation's old site: a photo with GPS, a PDF, an SVG, a file too large, a missing page. */
beforeAll(async () => {
  photo = readFileSync(await jpegWithGps(work, 1200, 800));
  old = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    if (path === '/wp-content/uploads/2017/03/bangkok.jpg') return void res.writeHead(200, { 'content-type': 'image/jpeg' }).end(photo);
    if (path === '/old-photo') return void res.writeHead(301, { location: '/wp-content/uploads/2017/03/bangkok.jpg' }).end();
    if (path === '/docs/report.pdf') return void res.writeHead(200, { 'content-type': 'application/pdf' }).end(PDF);
    if (path === '/logo.svg') return void res.writeHead(200, { 'content-type': 'image/svg+xml' }).end(SVG_WITH_SCRIPT);
    // Declares 60 MB: refused on the header, before a byte of the body is read.
    if (path === '/huge.pdf') return void res.writeHead(200, { 'content-type': 'application/pdf', 'content-length': 60 * 1024 * 1024 }).end();
    res.writeHead(404).end('not here');
  });
  await new Promise<void>((r) => old.listen(0, '127.0.0.1', r));
  oldSite = `http://127.0.0.1:${(old.address() as AddressInfo).port}`;
  herald = await startHerald(dataDir);
  editorToken = (await (await fetch(`${herald.base}/api/tokens`, { method: 'POST', headers: { authorization: `Bearer ${TEST_TOKEN}`, 'content-type': 'application/json' }, body: JSON.stringify({ subject: 'importer', role: 'editor' }) })).json() as { token: string }).token;
}, 120_000);
afterAll(async () => {
  await herald?.stop();
  old?.closeAllConnections();
  await new Promise((r) => old?.close(r));
});

describe('POST /api/media/fetch on npm start', () => {
  it('re-hosts a photo from the old site (after a redirect) without its GPS or serial number', async () => {
    expect(revealing(exifTags(writeTemp(work, 'source.jpg', photo))).length).toBeGreaterThan(1);

    const res = await fetchMedia({ url: `${oldSite}/old-photo` }, editorToken);

    expect(res.status).toBe(201);
    // Orientation 6 (rotated 90°) applied, as complete does: the stored picture is upright.
    expect(res.json).toMatchObject({ type: 'image/jpeg', width: 800, height: 1200 });
    expect(Object.keys(res.json).sort()).toEqual(['height', 'id', 'length', 'type', 'url', 'variants', 'width']);
    expect(res.json.url).toBe(`${herald.base}/media/${res.json.id}/original.jpg`);
    for (const file of [res.json, res.json.variants.web, res.json.variants.og]) {
      const served = Buffer.from(await (await fetch(file.url)).arrayBuffer());
      expect(revealing(exifTags(writeTemp(work, `served-${randomUUID()}.jpg`, served)))).toEqual([]);
    }
  }, 60_000);

  it('re-hosts a PDF as it is, under a name of its own', async () => {
    const res = await fetchMedia({ url: `${oldSite}/docs/report.pdf`, filename: 'seminar-report.pdf' });
    expect(res.status).toBe(201);
    expect(res.json).toMatchObject({ type: 'application/pdf', length: PDF.length, variants: {} });
    expect(Buffer.from(await (await fetch(res.json.url)).arrayBuffer())).toEqual(PDF);
  });

  it.each([
    ['an SVG', '/logo.svg', 415],
    ['a file above the limit', '/huge.pdf', 413],
    ['a missing file', '/wp-content/uploads/gone.jpg', 422],
  ])('refuses %s (%s) with %i naming the url, storing nothing', async (_what, path, status) => {
    const before = await mediaCount();
    const res = await fetchMedia({ url: `${oldSite}${path}` });
    expect(res.status).toBe(status);
    expect(res.json.details.map((d: { path: string }) => d.path)).toEqual(['url']);
    expect(await mediaCount()).toBe(before);
  });

  it('names the URL and the status of an HTTP error', async () => {
    const res = await fetchMedia({ url: `${oldSite}/wp-content/uploads/gone.jpg` });
    expect(res.json.message).toContain(`${oldSite}/wp-content/uploads/gone.jpg`);
    expect(res.json.message).toContain('404');
  });

  it.each([
    [{ url: 'ftp://old.example/photo.jpg' }, 'url'],
    [{ url: 'not a url' }, 'url'],
    [{ url: 'https://old.example/docs/report.pdf', filename: '../etc/passwd' }, 'filename'],
    [{ url: 'https://old.example/docs/report.pdf', extra: 1 }, 'extra'],
  ])('refuses %j with 400 naming %s', async (body, field) => {
    const res = await fetchMedia(body);
    expect(res.status).toBe(400);
    expect(res.json.details.map((d: { path: string }) => d.path)).toEqual([field]);
  });

  it('needs a token or a session: 401 without one', async () => {
    expect((await fetchMedia({ url: `${oldSite}/docs/report.pdf` }, null)).status).toBe(401);
    expect((await fetchMedia({ url: `${oldSite}/docs/report.pdf` }, 'hrld_not-a-real-token-000000000000000000000000000')).status).toBe(401);
  });
});
