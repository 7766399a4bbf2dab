import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { startHerald, TEST_TOKEN, type HeraldProcess } from '../support/local-process';
import { jpegWithGps, postUpload } from '../support/media-fixtures';
import { waitForBody } from '../support/wait-for-body';

/**
 * Feeds and pages carry the stored facts of uploaded media, against `npm start`:
 * a JPEG is uploaded and completed, an announcement names its web variant with
 * wrong numbers, and the feeds and the page show the served file's real size.
 */
const dataDir = mkdtempSync(join(tmpdir(), 'herald-facts-'));
const work = mkdtempSync(join(tmpdir(), 'herald-facts-files-'));
let herald: HeraldProcess;

type Answer = { status: number; json: Record<string, any> };
async function api(method: string, path: string, body?: unknown): Promise<Answer> {
  const res = await fetch(`${herald.base}${path}`, {
    method,
    headers: { authorization: `Bearer ${TEST_TOKEN}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, json: text ? (JSON.parse(text) as Record<string, any>) : {} };
}

/** POST /api/media and the form upload; completes it unless `complete` is false. */
async function upload(bytes: Buffer, filename: string, type: string, complete = true): Promise<Answer> {
  const created = await api('POST', '/api/media', { filename, type, length: bytes.length });
  expect(created.status).toBe(201);
  expect((await postUpload(created.json.upload, bytes, filename, herald.base)).status).toBe(204);
  return complete ? api('POST', `/api/media/${created.json.id}/complete`) : created;
}

/** Waits for a published object at `path` on this Herald to satisfy `predicate`. */
const waitFor = (path: string, predicate: (body: string) => boolean) => waitForBody(`${herald.base}${path}`, predicate);

/** The bytes served at a URL. */
async function bytesOf(url: string): Promise<Buffer> {
  const res = await fetch(url);
  expect(res.status).toBe(200);
  return Buffer.from(await res.arrayBuffer());
}

/** The served length of an image, and its pixel size as sharp reads it. */
async function served(url: string): Promise<{ length: number; width?: number; height?: number }> {
  const bytes = await bytesOf(url);
  const { width, height } = await sharp(bytes).metadata();
  return { length: bytes.length, width, height };
}

const attrs = (tag: string) => Object.fromEntries([...tag.matchAll(/([\w:]+)="([^"]*)"/g)].map((a) => [a[1], a[2]]));
const TITLE = 'Bangkok seminar on victim assistance';

beforeAll(async () => {
  herald = await startHerald(dataDir);
}, 120_000);
afterAll(async () => {
  await herald?.stop();
});

describe('an announcement naming an uploaded photo and report', () => {
  let photo: Answer;
  let report: Answer;
  let created: Answer;
  beforeAll(async () => {
    photo = await upload(readFileSync(await jpegWithGps(work, 2400, 1600)), 'bangkok.jpg', 'image/jpeg');
    report = await upload(Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n'), 'report.pdf', 'application/pdf');
    expect([photo.status, report.status]).toEqual([200, 200]);
    created = await api('POST', '/api/announcements', {
      title: TITLE, summary: 'Seminar report.', language: 'en', status: 'published',
      // Wrong numbers on purpose: the stored bytes are the truth.
      images: [{ url: photo.json.variants.web.url, alt: 'Delegates in Bangkok', credit: '© Loren Persi/ICBL-CMC', type: 'image/png', length: 1, width: 10, height: 10 }],
      attachments: [{ url: report.json.url, title: 'Seminar report', type: 'application/octet-stream', length: 7 }],
    });
  }, 60_000);

  it('stores the facts of the served web variant and report, not the editor numbers', async () => {
    expect(created.status).toBe(201);
    const web = await served(photo.json.variants.web.url);
    expect(web.width).toBeLessThan(web.height!);
    expect(created.json.images[0]).toMatchObject({ type: 'image/jpeg', ...web, og: { url: photo.json.variants.og.url, width: 1200, height: 630 } });
    expect(created.json.attachments[0]).toMatchObject({ type: 'application/pdf', length: (await bytesOf(report.json.url)).length });
  });

  it('puts the real fileSize, width and height in rss.xml media:content', async () => {
    const rss = await waitFor('/feeds/rss.xml', (b) => b.includes(TITLE));
    const tag = rss.match(/<media:content [^>]*medium="image"[^>]*>/)?.[0] ?? '';
    const web = await served(photo.json.variants.web.url);
    expect(attrs(tag)).toMatchObject({ url: photo.json.variants.web.url, type: 'image/jpeg', fileSize: String(web.length), width: String(web.width), height: String(web.height) });
  });

  it('puts size_in_bytes on both attachments in feed.json and the length on the Atom enclosures', async () => {
    const item = JSON.parse(await waitFor('/feeds/feed.json', (b) => b.includes(TITLE))).items[0];
    const web = await served(photo.json.variants.web.url);
    expect(item.attachments.map((a: { url: string; size_in_bytes?: number }) => [a.url, a.size_in_bytes])).toEqual([
      [report.json.url, (await bytesOf(report.json.url)).length],
      [photo.json.variants.web.url, web.length],
    ]);
    const atom = await waitFor('/feeds/atom.xml', (b) => b.includes(TITLE));
    expect(atom).toContain(`length="${web.length}" title="Delegates in Bangkok" href="${photo.json.variants.web.url}"`);
  });

  it('gives the page the OpenGraph variant as og:image, 1200 by 630', async () => {
    const html = await waitFor(`/news/${created.json.slug}-${String(created.json.id).slice(0, 8)}/`, (b) => b.includes(TITLE));
    const og = photo.json.variants.og.url as string;
    expect(html).toContain(`<meta property="og:image" content="${og}">`);
    expect(html).toContain('<meta property="og:image:width" content="1200">');
    expect(html).toContain('<meta property="og:image:height" content="630">');
    expect(await served(og)).toMatchObject({ width: 1200, height: 630 });
  });

  it('takes the facts again on replace (PUT), here of the original file', async () => {
    const res = await fetch(`${herald.base}/api/announcements/${created.json.id}`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${TEST_TOKEN}`, 'content-type': 'application/json', 'if-match': '"v1"' },
      body: JSON.stringify({ title: TITLE, language: 'en', status: 'published', images: [{ url: photo.json.url, alt: 'Delegates', length: 3, width: 1, height: 1 }] }),
    });
    expect(res.status).toBe(200);
    const replaced = (await res.json()) as Record<string, any>;
    expect(replaced.images[0]).toMatchObject({ url: photo.json.url, type: 'image/jpeg', ...(await served(photo.json.url)) });
    expect(replaced.version).toBe(2);
  });
});

describe('media URLs that name no completed upload', () => {
  it.each([
    ['an unknown id', () => `${herald.base}/media/${randomUUID()}/web.jpg`],
    ['a pending upload', () => `${herald.base}/media/${pendingId}/original.pdf`],
    ['a file the item does not have', () => `${readyPhoto}`.replace('/web.', '/huge.')],
  ])('refuses %s with 400 naming images.0.url and stores nothing', async (_what, url) => {
    const before = await api('GET', '/api/announcements?limit=100');
    const res = await api('POST', '/api/announcements', { title: 'Refused', language: 'en', status: 'published', images: [{ url: url(), alt: 'x' }] });
    expect(res.status).toBe(400);
    expect(res.json.details).toEqual([{ path: 'images.0.url', message: expect.any(String) }]);
    expect((await api('GET', '/api/announcements?limit=100')).json.items).toHaveLength(before.json.items.length);
  });

  let pendingId = '';
  let readyPhoto = '';
  beforeAll(async () => {
    readyPhoto = (await upload(readFileSync(await jpegWithGps(work, 64, 48)), 'small.jpg', 'image/jpeg')).json.variants.web.url as string;
    pendingId = (await upload(Buffer.from('%PDF-1.4\n%%EOF\n'), 'late.pdf', 'application/pdf', false)).json.id as string;
  });

  it('refuses a pending upload as an attachment with 400 naming attachments.0.url', async () => {
    const res = await api('POST', '/api/announcements', {
      title: 'Refused', language: 'en', attachments: [{ url: `${herald.base}/media/${pendingId}/original.pdf`, title: 'Late', type: 'application/pdf' }],
    });
    expect(res.status).toBe(400);
    expect(res.json.details).toEqual([{ path: 'attachments.0.url', message: expect.stringMatching(/not complete/) }]);
  });
});
