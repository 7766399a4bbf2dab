import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { apiClient, detailPaths as paths, type Answer } from '../support/api-client';
import { startHerald, TEST_TOKEN, type HeraldProcess } from '../support/local-process';
import { executable, exifTags, jpegWithGps, postUpload, revealing, SVG_WITH_SCRIPT, writeTemp } from '../support/media-fixtures';

const dataDir = mkdtempSync(join(tmpdir(), 'herald-media-'));
const work = mkdtempSync(join(tmpdir(), 'herald-media-files-'));
let herald: HeraldProcess;
let editorToken = '';

const api = apiClient(() => herald.base);

/** POST /api/media, then the form upload; returns the id. */
async function upload(bytes: Buffer, filename: string, type: string, length = bytes.length): Promise<string> {
  const created = await api('POST', '/api/media', { filename, type, length });
  expect(created.status).toBe(201);
  const res = await postUpload(created.json.upload, bytes, filename, herald.base);
  expect(res.status).toBe(204);
  return created.json.id as string;
}


beforeAll(async () => {
  herald = await startHerald(dataDir);
  const issued = await api('POST', '/api/tokens', { subject: 'press-office', role: 'editor' });
  editorToken = issued.json.token as string;
}, 120_000);
afterAll(async () => {
  await herald?.stop();
});

describe('a field photo with GPS EXIF, uploaded and completed', () => {
  let done: Answer;
  let source = '';
  beforeAll(async () => {
    source = await jpegWithGps(work, 2400, 1600);
    const bytes = readFileSync(source);
    const created = await api('POST', '/api/media', { filename: 'bangkok-seminar.jpg', type: 'image/jpeg', length: bytes.length }, editorToken);
    expect(created.status).toBe(201);
    expect(created.json.upload.fields).toMatchObject({ key: `uploads/${created.json.id}`, 'Content-Type': 'image/jpeg' });
    const policy = JSON.parse(Buffer.from(created.json.upload.fields.Policy, 'base64').toString()) as { conditions: unknown[] };
    expect(policy.conditions).toContainEqual(['content-length-range', 1, 25 * 1024 * 1024]);
    expect((await postUpload(created.json.upload, bytes, 'bangkok-seminar.jpg', herald.base)).status).toBe(204);
    done = await api('POST', `/api/media/${created.json.id}/complete`, undefined, editorToken);
  }, 60_000);

  it('started with GPS and a serial number in the source (so the check below can fail)', () => {
    expect(revealing(exifTags(source)).length).toBeGreaterThan(2);
  });

  it('answers 200 with the oriented size and each variant', () => {
    expect(done.status).toBe(200);
    // Orientation 6 (rotated 90°) applied: the stored picture is upright, 1600 x 2400.
    expect(done.json).toMatchObject({ type: 'image/jpeg', width: 1600, height: 2400 });
    expect(done.json.variants.web).toMatchObject({ width: 1067, height: 1600, type: 'image/jpeg' });
    expect(done.json.variants.og).toMatchObject({ width: 1200, height: 630, type: 'image/jpeg' });
    expect(done.json.url).toBe(`${herald.base}/media/${done.json.id}/original.jpg`);
  });

  it('serves every file immutable, with the declared length, and no GPS or serial anywhere', async () => {
    for (const file of [done.json, done.json.variants.web, done.json.variants.og]) {
      const res = await fetch(file.url);
      expect(res.status).toBe(200);
      expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
      expect(res.headers.get('content-type')).toBe('image/jpeg');
      const bytes = Buffer.from(await res.arrayBuffer());
      expect(bytes.length).toBe(file.length);
      const tags = exifTags(writeTemp(work, `served-${randomUUID()}.jpg`, bytes));
      expect(revealing(tags)).toEqual([]);
      expect(Object.keys(tags).filter((k) => /Make|Orientation/.test(k))).toEqual([]);
    }
  });

  it('is listed newest first, and completing it again is a 409', async () => {
    const list = await api('GET', '/api/media?limit=5', undefined, editorToken);
    expect(list.json.items[0]).toMatchObject({ id: done.json.id, status: 'ready', width: 1600 });
    expect((await api('POST', `/api/media/${done.json.id}/complete`)).status).toBe(409);
  });

  it('is not deleted while a published announcement shows it, and is once it no longer does', async () => {
    const post = await api('POST', '/api/announcements', {
      title: 'Bangkok seminar', summary: 'Seminar report.', body: 'Report.', language: 'en', status: 'published',
      images: [{ url: done.json.variants.web.url, alt: 'Delegates in Bangkok', credit: '© Loren Persi/ICBL-CMC' }],
    });
    expect(post.status).toBe(201);
    const refused = await api('DELETE', `/api/media/${done.json.id}`, undefined, editorToken);
    expect(refused.status).toBe(409);
    expect((await fetch(done.json.url)).status).toBe(200);
    expect((await api('DELETE', `/api/announcements/${post.json.id}`, undefined)).status).toBe(428);
    const retract = await fetch(`${herald.base}/api/announcements/${post.json.id}`, { method: 'DELETE', headers: { authorization: `Bearer ${TEST_TOKEN}`, 'if-match': '"v1"' } });
    expect(retract.status).toBe(200);
    expect((await api('DELETE', `/api/media/${done.json.id}`, undefined, editorToken)).status).toBe(204);
    expect((await fetch(done.json.url)).status).toBe(404);
    expect((await api('DELETE', `/api/media/${done.json.id}`)).status).toBe(404);
  });
});

describe('a document a scheduled announcement will publish', () => {
  it('is not deleted while it waits for its time', async () => {
    const pdf = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
    const id = await upload(pdf, 'agenda.pdf', 'application/pdf');
    const done = await api('POST', `/api/media/${id}/complete`);
    expect(done.status).toBe(200);
    const post = await api('POST', '/api/announcements', {
      title: 'Provisional agenda', summary: 'The agenda.', body: 'Agenda.', language: 'en', status: 'scheduled',
      publishAt: '2099-09-04T09:00:00+02:00',
      attachments: [{ url: done.json.url, title: 'Provisional agenda', type: 'application/pdf' }],
    });
    expect(post.status).toBe(201);
    expect((await api('DELETE', `/api/media/${id}`)).status).toBe(409);
  });
});

describe('bad input: a clear error naming the field or file, nothing public stored', () => {
  it('refuses an executable renamed .jpg with 415 naming the file', async () => {
    const id = await upload(executable(), 'photo.jpg', 'image/jpeg');
    const res = await api('POST', `/api/media/${id}/complete`);
    expect(res.status).toBe(415);
    expect(paths(res)).toEqual(['photo.jpg']);
    expect((await fetch(`${herald.base}/media/${id}/original.jpg`)).status).toBe(404);
    expect((await fetch(`${herald.base}/uploads/${id}`)).status).toBe(404);
  });

  it('refuses an SVG with script: by type up front, and by its bytes when it claims to be a PNG', async () => {
    const byType = await api('POST', '/api/media', { filename: 'logo.svg', type: 'image/svg+xml', length: SVG_WITH_SCRIPT.length });
    expect(byType.status).toBe(415);
    expect(paths(byType)).toEqual(['type']);
    const id = await upload(SVG_WITH_SCRIPT, 'logo.png', 'image/png');
    const res = await api('POST', `/api/media/${id}/complete`);
    expect(res.status).toBe(415);
    expect(paths(res)).toEqual(['logo.png']);
  });

  it('refuses a name whose extension does not fit the type, and a length above the limit', async () => {
    const ext = await api('POST', '/api/media', { filename: 'report.exe', type: 'application/pdf', length: 10 });
    expect([ext.status, paths(ext)]).toEqual([415, ['filename']]);
    const big = await api('POST', '/api/media', { filename: 'huge.jpg', type: 'image/jpeg', length: 25 * 1024 * 1024 + 1 });
    expect([big.status, paths(big)]).toEqual([413, ['length']]);
  });

  it.each([['longer', 100], ['shorter', -100]])('refuses a file %s than declared with 400 naming length', async (_what, delta) => {
    const bytes = readFileSync(await jpegWithGps(work, 64, 48));
    const id = await upload(bytes, 'small.jpg', 'image/jpeg', bytes.length - delta);
    const res = await api('POST', `/api/media/${id}/complete`);
    expect([res.status, paths(res)]).toEqual([400, ['length']]);
  });

  it('answers 404 for an unknown id and 409 for one never uploaded', async () => {
    expect((await api('POST', `/api/media/${randomUUID()}/complete`)).status).toBe(404);
    expect((await api('POST', '/api/media/not-a-uuid/complete')).status).toBe(404);
    const created = await api('POST', '/api/media', { filename: 'later.pdf', type: 'application/pdf', length: 1000 });
    const res = await api('POST', `/api/media/${created.json.id}/complete`);
    expect(res.status).toBe(409);
    expect(res.json.message).toMatch(/nothing was uploaded/);
  });
});

describe('authorisation and the browser upload', () => {
  it.each([
    ['POST', '/api/media'],
    ['GET', '/api/media'],
    ['POST', `/api/media/${randomUUID()}/complete`],
    ['DELETE', `/api/media/${randomUUID()}`],
  ])('%s %s: 401 without a token or with a wrong one', async (method, path) => {
    expect((await api(method, path, method === 'POST' ? {} : undefined, null)).status).toBe(401);
    expect((await api(method, path, method === 'POST' ? {} : undefined, 'x'.repeat(40))).status).toBe(401);
  });

  it('lets editors and admins alike use every media route', async () => {
    for (const token of [editorToken, TEST_TOKEN]) {
      const pdf = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
      const created = await api('POST', '/api/media', { filename: 'report.pdf', type: 'application/pdf', length: pdf.length }, token);
      expect(created.status).toBe(201);
      expect((await postUpload(created.json.upload, pdf, 'report.pdf')).status).toBe(204);
      const done = await api('POST', `/api/media/${created.json.id}/complete`, undefined, token);
      expect(done.json).toMatchObject({ type: 'application/pdf', length: pdf.length, variants: {} });
      expect((await api('GET', '/api/media', undefined, token)).status).toBe(200);
      expect((await api('DELETE', `/api/media/${created.json.id}`, undefined, token)).status).toBe(204);
    }
  });

  it('lets a page at the site origin POST to the upload URL (CORS preflight)', async () => {
    const created = await api('POST', '/api/media', { filename: 'a.png', type: 'image/png', length: 10 });
    const res = await fetch(created.json.upload.url, { method: 'OPTIONS', headers: { origin: herald.base, 'access-control-request-method': 'POST' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-methods')).toContain('POST');
    const foreign = await fetch(created.json.upload.url, { method: 'OPTIONS', headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' } });
    expect(foreign.status).toBe(403);
  });
});
