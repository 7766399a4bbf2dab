import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { DynamoAnnouncementStore } from '../../shared/adapters/dynamo-announcement-store';
import { AnnouncementInput } from '../../shared/domain/announcement';
import { parseOrThrow } from '../../shared/domain/validation';
import { makeAnnouncementService } from '../../shared/services/announcement-service';
import { adminAppOn } from '../support/admin-app';
import { startEmulators, type Emulators } from '../support/emulators';

let emu: Emulators;
let api: ReturnType<typeof adminAppOn>;
let now = Date.UTC(2026, 2, 16, 8, 0);
const clock = () => new Date((now += 1000));
const seminar = (over: Record<string, unknown> = {}) => ({
  title: 'Regional seminar in Kampala',
  summary: '29-30 May.',
  body: 'Opened by the minister.',
  language: 'en',
  tags: ['seminar'],
  status: 'draft',
  ...over,
});

beforeAll(async () => {
  emu = await startEmulators();
  api = adminAppOn(emu, { clock });
});
afterAll(() => emu.stop());

/** Every item in one announcement's partition, by sort key. */
async function partition(id: string) {
  const out = await emu.doc.send(
    new QueryCommand({ TableName: emu.table, KeyConditionExpression: 'pk = :p', ExpressionAttributeValues: { ':p': `ANN#${id}` } }),
  );
  return (out.Items ?? []).map((i) => i.sk as string);
}

describe('history', () => {
  it('records who changed what in which version, newest first', async () => {
    const created = await api.call('POST', '/api/announcements', { body: seminar() });
    const id = created.body.id as string;
    const edited = await api.call('PUT', `/api/announcements/${id}`, {
      body: seminar({ title: 'Regional seminar in Kampala, Uganda', tags: ['seminar', 'africa'], status: 'published' }),
      headers: { 'if-match': '"v1"' },
    });
    expect(edited.status).toBe(200);
    const retracted = await api.call('DELETE', `/api/announcements/${id}`, { headers: { 'if-match': '"v2"' } });
    expect(retracted.status).toBe(200);

    const res = await api.call('GET', `/api/announcements/${id}/history`);
    expect(res.status).toBe(200);
    expect(res.body.items).toEqual([
      { announcementId: id, version: 3, action: 'retract', by: 'bootstrap-admin', at: retracted.body.updatedAt, changed: ['retractedAt', 'status'] },
      { announcementId: id, version: 2, action: 'update', by: 'bootstrap-admin', at: edited.body.updatedAt, changed: ['publishedAt', 'status', 'tags', 'title'] },
      {
        announcementId: id, version: 1, action: 'create', by: 'bootstrap-admin', at: created.body.createdAt,
        changed: ['attachments', 'authors', 'body', 'images', 'language', 'slug', 'status', 'summary', 'tags', 'title'],
      },
    ]);
  });

  it('writes no audit record when the change itself is refused', async () => {
    const created = await api.call('POST', '/api/announcements', { body: seminar() });
    const id = created.body.id as string;
    const stale = await api.call('PUT', `/api/announcements/${id}`, { body: seminar({ title: 'x' }), headers: { 'if-match': '"v7"' } });
    expect(stale.status).toBe(412);
    const invalid = await api.call('PUT', `/api/announcements/${id}`, { body: seminar({ tags: ['Bad Tag'] }), headers: { 'if-match': '"v1"' } });
    expect(invalid.status).toBe(400);
    // Only the create's record, which rides on the item until its first edit.
    expect(await partition(id)).toEqual(['A']);
    expect((await api.call('GET', `/api/announcements/${id}/history`)).body.items.map((h: { version: number }) => h.version)).toEqual([1]);
  });

  it('keeps the audit record and the change in one transaction: a lost race writes neither', async () => {
    const store = new DynamoAnnouncementStore(emu.doc, emu.table);
    const svc = makeAnnouncementService({ store, clock, newId: () => crypto.randomUUID() });
    const input = parseOrThrow(AnnouncementInput, seminar());
    const a = await svc.create(input, { subject: 'ana', role: 'editor' });
    await svc.update(a.id, parseOrThrow(AnnouncementInput, seminar({ title: 'first' })), '"v1"', { subject: 'ana', role: 'editor' });
    // A writer that read v1 and bypasses the If-Match check still loses at the store.
    await expect(
      store.replace({ ...a, title: 'second', version: 2 }, a, { announcementId: a.id, version: 2, action: 'update', by: 'bo', at: 'x', changed: ['title'] }),
    ).rejects.toThrow('changed meanwhile');
    const history = await svc.history(a.id);
    expect(history.map((h) => [h.version, h.by])).toEqual([[2, 'ana'], [1, 'ana']]);
  });

  it('answers 404 for the history of an unknown announcement', async () => {
    expect((await api.call('GET', '/api/announcements/00000000-0000-4000-8000-00000000dead/history')).status).toBe(404);
  });
});

describe('Idempotency-Key on POST', () => {
  it('replays the first answer for a retry with the same key and body, creating nothing', async () => {
    const headers = { 'idempotency-key': 'retry-1' };
    const first = await api.call('POST', '/api/announcements', { body: seminar({ title: 'Retried' }), headers });
    expect(first.status).toBe(201);
    expect(first.headers['idempotent-replayed']).toBeUndefined();
    // The same body with its keys in another order is the same request.
    const reordered = Object.fromEntries(Object.entries(seminar({ title: 'Retried' })).reverse());
    const retry = await api.call('POST', '/api/announcements', { body: reordered, headers });
    expect(retry.status).toBe(201);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(retry.body).toEqual(first.body);
    expect(retry.headers.location).toBe(first.headers.location);
    expect(retry.headers.etag).toBe(first.headers.etag);
    const listed = await api.call('GET', '/api/announcements', { query: { limit: '100' } });
    expect((listed.body.items as { title: string }[]).filter((a) => a.title === 'Retried')).toHaveLength(1);
  });

  it('answers 422 for the same key with a different body, and creates nothing', async () => {
    const headers = { 'idempotency-key': 'retry-2' };
    expect((await api.call('POST', '/api/announcements', { body: seminar({ title: 'Original' }), headers })).status).toBe(201);
    const other = await api.call('POST', '/api/announcements', { body: seminar({ title: 'Different' }), headers });
    expect(other.status).toBe(422);
    expect(other.body.error).toBe('idempotency_key_reused');
    const listed = await api.call('GET', '/api/announcements', { query: { limit: '100' } });
    expect((listed.body.items as { title: string }[]).some((a) => a.title === 'Different')).toBe(false);
  });

  it('scopes a key to its caller: another editor with the same key creates their own', async () => {
    const token = (await api.call('POST', '/api/tokens', { body: { subject: 'other-editor', role: 'editor' } })).body.token as string;
    const headers = { 'idempotency-key': 'shared-key' };
    const mine = await api.call('POST', '/api/announcements', { body: seminar(), headers });
    const theirs = await api.call('POST', '/api/announcements', { body: seminar(), headers, token });
    expect(theirs.status).toBe(201);
    expect(theirs.body.id).not.toBe(mine.body.id);
  });

  it('answers 400 naming Idempotency-Key for a key that is not visible ASCII', async () => {
    const res = await api.call('POST', '/api/announcements', { body: seminar(), headers: { 'idempotency-key': 'two words' } });
    expect(res.status).toBe(400);
    expect(res.body.details).toEqual([{ path: 'Idempotency-Key', message: 'must be 1 to 255 visible ASCII characters' }]);
  });

  it('creates exactly one announcement from 50 concurrent POSTs with one key', async () => {
    const headers = { 'idempotency-key': 'storm-50' };
    const body = seminar({ title: 'Concurrent duplicate' });
    const started = performance.now();
    const answers = await Promise.all(Array.from({ length: 50 }, () => api.call('POST', '/api/announcements', { body, headers })));
    const ms = performance.now() - started;
    expect(answers.map((a) => a.status)).toEqual(Array(50).fill(201));
    expect(new Set(answers.map((a) => a.body.id)).size).toBe(1);
    expect(answers.filter((a) => a.headers['idempotent-replayed'] !== 'true')).toHaveLength(1);
    const listed = await api.call('GET', '/api/announcements', { query: { limit: '100' } });
    expect((listed.body.items as { title: string }[]).filter((a) => a.title === 'Concurrent duplicate')).toHaveLength(1);
    console.log(`50 concurrent idempotent POSTs: ${ms.toFixed(0)} ms`);
  });

  it('treats an expired record as absent: the key then creates anew', async () => {
    const headers = { 'idempotency-key': 'expires' };
    const first = await api.call('POST', '/api/announcements', { body: seminar(), headers });
    now += 24 * 60 * 60 * 1000 + 5000;
    const later = await api.call('POST', '/api/announcements', { body: seminar(), headers });
    expect(later.status).toBe(201);
    expect(later.headers['idempotent-replayed']).toBeUndefined();
    expect(later.body.id).not.toBe(first.body.id);
  });
});
