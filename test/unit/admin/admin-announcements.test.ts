import { describe, expect, it } from '@jest/globals';
import { bangkokSeminar, msp7En } from '../../support/fixtures';
import { adminApp, headerOf, json } from './setup';

const COLLECTION = '/api/announcements';

async function withOne() {
  const ctx = adminApp();
  const created = await ctx.call({ method: 'POST', path: COLLECTION, body: msp7En });
  const id = String(json(created).id);
  return { ...ctx, id, path: `${COLLECTION}/${id}`, writesBefore: ctx.store.writes.length };
}

describe('POST /api/announcements', () => {
  it('returns 201 with Location and ETag, and stores what it returns', async () => {
    // Prepare
    const { call, store } = adminApp();
    // Act
    const response = await call({ method: 'POST', path: COLLECTION, body: msp7En });
    // Assess
    const body = json(response);
    expect(response.statusCode).toBe(201);
    expect(headerOf(response, 'location')).toBe(`/api/announcements/${String(body.id)}`);
    expect(headerOf(response, 'etag')).toBe('"v1"');
    expect(headerOf(response, 'content-type')).toBe('application/json; charset=utf-8');
    expect(await store.get(String(body.id))).toEqual(body);
  });

  it.each<[string, { body: unknown; headers?: Record<string, string> }, string]>([
    ['invalid JSON', { body: '{"title": "Seventh', headers: { 'content-type': 'application/json' } }, 'body'],
    ['a title of the wrong type', { body: { ...msp7En, title: 7 } }, 'title'],
    ['a missing title', { body: { language: 'en' } }, 'title'],
    ['an unknown field', { body: { ...msp7En, priority: 'high' } }, 'priority'],
    ['a javascript: URL', { body: { ...msp7En, canonicalUrl: 'javascript:alert(1)' } }, 'canonicalUrl'],
    ['a relative image URL', { body: { ...msp7En, images: [{ url: '/logo.png', alt: 'logo' }] } }, 'images.0.url'],
  ])('returns 400 naming the field for %s, and writes nothing', async (_name, request, path) => {
    const { call, store } = adminApp();
    const response = await call({ method: 'POST', path: COLLECTION, ...request });
    expect(response.statusCode).toBe(400);
    expect(json(response).error).toBe('validation_failed');
    expect(json(response).details?.map((d) => d.path)).toContain(path);
    expect(store.writes).toEqual([]);
  });

  it('creates once when a POST is retried with the same Idempotency-Key', async () => {
    const { call, store } = adminApp();
    const headers = { 'idempotency-key': 'f3b1c2d4-retry-7msp' };
    const first = await call({ method: 'POST', path: COLLECTION, body: msp7En, headers });
    const retry = await call({ method: 'POST', path: COLLECTION, body: msp7En, headers });
    expect(json(retry).id).toBe(json(first).id);
    expect(store.size).toBe(1);
  });

  it('returns 415 for a text/plain body, and writes nothing', async () => {
    const { call, store } = adminApp();
    const response = await call({ method: 'POST', path: COLLECTION, body: JSON.stringify(msp7En), headers: { 'content-type': 'text/plain' } });
    expect(response.statusCode).toBe(415);
    expect(store.writes).toEqual([]);
  });

  it('accepts a +json media type with parameters', async () => {
    const { call } = adminApp();
    const headers = { 'Content-Type': 'application/merge-patch+json; charset=UTF-8' };
    expect((await call({ method: 'POST', path: COLLECTION, body: JSON.stringify(bangkokSeminar), headers })).statusCode).toBe(201);
  });

  it('returns 413 above 256 KB, and writes nothing', async () => {
    // Prepare: one byte over the limit, counted in UTF-8 bytes.
    const { call, store } = adminApp();
    const skeleton = JSON.stringify({ ...msp7En, body: '' });
    const body = JSON.stringify({ ...msp7En, body: 'x'.repeat(256 * 1024 - skeleton.length + 1) });
    // Act
    const response = await call({ method: 'POST', path: COLLECTION, body });
    // Assess
    expect(Buffer.byteLength(body)).toBe(256 * 1024 + 1);
    expect(response.statusCode).toBe(413);
    expect(store.writes).toEqual([]);
  });

  it('counts multi-byte characters as bytes against the limit', async () => {
    const { call } = adminApp();
    const body = JSON.stringify({ ...msp7En, body: 'é'.repeat(130 * 1024) });
    expect(body.length).toBeLessThan(256 * 1024);
    expect((await call({ method: 'POST', path: COLLECTION, body })).statusCode).toBe(413);
  });
});

describe('PUT /api/announcements/{id}', () => {
  it('returns 428 without If-Match, and writes nothing', async () => {
    const { call, path, store, writesBefore } = await withOne();
    const response = await call({ method: 'PUT', path, body: bangkokSeminar });
    expect(response.statusCode).toBe(428);
    expect(store.writes).toHaveLength(writesBefore);
  });

  it('returns 412 with the current version when the version is stale, and writes nothing', async () => {
    const { call, path, store } = await withOne();
    await call({ method: 'PUT', path, body: msp7En, headers: { 'if-match': '"v1"' } });
    const writes = store.writes.length;
    const response = await call({ method: 'PUT', path, body: bangkokSeminar, headers: { 'If-Match': '"v1"' } });
    expect(response.statusCode).toBe(412);
    expect(json(response)).toMatchObject({ error: 'precondition_failed', currentVersion: 2, currentEtag: '"v2"' });
    expect(store.writes).toHaveLength(writes);
  });

  it('returns 400 for an invalid body even with a good If-Match, and writes nothing', async () => {
    const { call, path, store, writesBefore } = await withOne();
    const response = await call({ method: 'PUT', path, body: { ...msp7En, tags: ['msp', 'msp'] }, headers: { 'if-match': '"v1"' } });
    expect(json(response).details?.map((d) => d.path)).toEqual(['tags']);
    expect(store.writes).toHaveLength(writesBefore);
  });

  it('returns 200 with the next ETag when If-Match is current', async () => {
    const { call, path } = await withOne();
    const response = await call({ method: 'PUT', path, body: { ...msp7En, summary: 'Closed.' }, headers: { 'if-match': '"v1"' } });
    expect({ status: response.statusCode, etag: headerOf(response, 'etag') }).toEqual({ status: 200, etag: '"v2"' });
    expect(json(response).summary).toBe('Closed.');
  });
});

describe('DELETE /api/announcements/{id}', () => {
  it('returns 428 without If-Match and 412 with a stale one, and writes nothing', async () => {
    const { call, path, store, writesBefore } = await withOne();
    expect((await call({ method: 'DELETE', path })).statusCode).toBe(428);
    expect((await call({ method: 'DELETE', path, headers: { 'if-match': '"v9"' } })).statusCode).toBe(412);
    expect(store.writes).toHaveLength(writesBefore);
  });

  it('retracts with a current If-Match', async () => {
    const { call, path, store, id } = await withOne();
    const response = await call({ method: 'DELETE', path, headers: { 'if-match': '"v1"' } });
    expect({ status: response.statusCode, etag: headerOf(response, 'etag') }).toEqual({ status: 200, etag: '"v2"' });
    expect((await store.get(id))?.status).toBe('retracted');
  });
});

describe('GET /api/announcements', () => {
  it('lists newest first and rejects an unknown query parameter by name', async () => {
    const { call, clock } = await withOne();
    clock.advance(60_000);
    await call({ method: 'POST', path: COLLECTION, body: bangkokSeminar });
    const list = json(await call({ method: 'GET', path: COLLECTION })).items as { title: string }[];
    expect(list.map((a) => a.title)).toEqual([bangkokSeminar.title, msp7En.title]);
    const bad = await call({ method: 'GET', path: COLLECTION, query: { sort: 'asc' } });
    expect({ status: bad.statusCode, paths: json(bad).details?.map((d) => d.path) }).toEqual({ status: 400, paths: ['sort'] });
  });
});
