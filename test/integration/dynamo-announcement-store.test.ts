import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { DynamoAnnouncementStore } from '../../shared/adapters/dynamo-announcement-store';
import { DynamoFeedIndex } from '../../shared/adapters/dynamo-feed-index';
import { AnnouncementInput, type Announcement } from '../../shared/domain/announcement';
import { ValidationError } from '../../shared/domain/errors';
import { parseOrThrow } from '../../shared/domain/validation';
import { VersionConflict } from '../../shared/ports/announcement-store';
import { auditOf } from '../../shared/domain/audit';
import { makeAnnouncementService } from '../../shared/services/announcement-service';
import { startEmulators, type Emulators } from '../support/emulators';
import { ProjectingAnnouncementStore } from '../support/projecting-store';

const editor = { subject: 'test-editor', role: 'editor' as const };
let emu: Emulators;
let store: DynamoAnnouncementStore;

/** The feed-entry side of the same table, as the publisher reads it. */
let index: DynamoFeedIndex;
let minute = 0;
let ids = 0;
const service = () =>
  makeAnnouncementService({
    store,
    clock: () => new Date(Date.UTC(2026, 0, 1, 9, minute++)),
    newId: () => `00000000-0000-4000-8000-${String(++ids).padStart(12, '0')}`,
  });
const input = (over: Record<string, unknown> = {}) =>
  parseOrThrow(AnnouncementInput, {
    title: 'Seventh Meeting of States Parties',
    summary: 'Delegations meet at the Palais des Nations, Geneva.',
    body: 'Presided over by an **ambassador**.',
    language: 'en',
    tags: ['msp'],
    status: 'published',
    ...over,
  });

beforeAll(async () => {
  emu = await startEmulators();
  // Each write is followed by the publisher's feed-entry step, as the stream would run it.
  store = new ProjectingAnnouncementStore(emu.doc, emu.table);
  index = new DynamoFeedIndex(emu.doc, emu.table);
});
afterAll(() => emu.stop());

describe('DynamoAnnouncementStore on DynamoDB Local', () => {
  it('stores an announcement and reads it back unchanged', async () => {
    const created = await service().create(input(), editor);
    expect(await store.get(created.id)).toEqual(created);
    expect(await store.get('00000000-0000-4000-8000-999999999999')).toBeUndefined();
  });

  it('indexes a published item in the site, language and tag feeds, newest first', async () => {
    const svc = service();
    const older = await svc.create(input({ title: 'Older', language: 'fr', tags: ['seminar'] }), editor);
    const newer = await svc.create(input({ title: 'Newer', language: 'fr', tags: ['seminar'] }), editor);
    const fr = await index.latestInFeed('lang:fr', 10);
    expect(fr.map((a) => a.id)).toEqual([newer.id, older.id]);
    expect((await index.latestInFeed('tag:seminar', 1)).map((a) => a.id)).toEqual([newer.id]);
    expect((await index.latestInFeed('site', 50)).map((a) => a.id)).toEqual(expect.arrayContaining([older.id, newer.id]));
  });

  it('keeps drafts out of every feed', async () => {
    const draft = await service().create(input({ title: 'Draft', tags: ['drafts-only'], status: 'draft' }), editor);
    expect(await index.latestInFeed('tag:drafts-only', 10)).toEqual([]);
    expect((await index.latestInFeed('site', 100)).some((a) => a.id === draft.id)).toBe(false);
  });

  it('moves an item between tag feeds when its tags change', async () => {
    const svc = service();
    const a = await svc.create(input({ tags: ['alpha'] }), editor);
    await svc.update(a.id, input({ tags: ['beta'] }), '"v1"', editor);
    expect(await index.latestInFeed('tag:alpha', 10)).toEqual([]);
    const beta = await index.latestInFeed('tag:beta', 10);
    expect(beta.map((x) => [x.id, x.version])).toEqual([[a.id, 2]]);
  });

  it('removes a retracted item from every feed it was in', async () => {
    const svc = service();
    const a = await svc.create(input({ tags: ['gone'], language: 'es' }), editor);
    await svc.retract(a.id, '"v1"', editor);
    expect(await index.latestInFeed('tag:gone', 10)).toEqual([]);
    expect((await index.latestInFeed('lang:es', 10)).some((x) => x.id === a.id)).toBe(false);
    expect((await store.get(a.id))?.status).toBe('retracted');
  });

  it('refuses a replace whose expected version is stale, and writes nothing', async () => {
    const svc = service();
    const a = await svc.create(input({ tags: ['race'] }), editor);
    const v2: Announcement = { ...a, title: 'first writer', version: 2 };
    await store.replace(v2, a, auditOf('update', a, v2));
    const loser: Announcement = { ...a, title: 'second writer', tags: ['elsewhere'], version: 2 };
    await expect(store.replace(loser, a, auditOf('update', a, loser))).rejects.toBeInstanceOf(VersionConflict);
    expect((await store.get(a.id))?.title).toBe('first writer');
    expect(await index.latestInFeed('tag:elsewhere', 10)).toEqual([]);
  });

  it('lists newest first with a cursor that pages through everything once', async () => {
    const all: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await store.list({ limit: 2, cursor });
      all.push(...page.items.map((a) => a.createdAt + a.id));
      cursor = page.cursor;
    } while (cursor);
    expect(all.length).toBe(7);
    expect(new Set(all).size).toBe(all.length);
    expect([...all].sort().reverse()).toEqual(all);
  });

  it('rejects a cursor it did not issue with a validation error naming the cursor', async () => {
    const bad = Buffer.from(JSON.stringify({ pk: { S: 'x' } })).toString('base64url');
    await expect(store.list({ limit: 2, cursor: bad })).rejects.toBeInstanceOf(ValidationError);
    await expect(store.list({ limit: 2, cursor: '%%%' })).rejects.toMatchObject({ details: [{ path: 'cursor' }] });
  });

  it('reads a feed with one Query that never returns more than the limit', async () => {
    const out = await emu.doc.send(
      new QueryCommand({ TableName: emu.table, KeyConditionExpression: 'pk = :p', ExpressionAttributeValues: { ':p': 'FEED#site' } }),
    );
    expect((out.Items ?? []).length).toBeGreaterThan(3);
    expect((await index.latestInFeed('site', 3)).length).toBe(3);
  });
});
