import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { DynamoAnnouncementStore } from '../../shared/adapters/dynamo-announcement-store';
import { DynamoFeedEntries } from '../../shared/adapters/dynamo-feed-entries';
import { DynamoFeedIndex } from '../../shared/adapters/dynamo-feed-index';
import { FEED_ENTRY, feedEntrySnapshot } from '../../shared/adapters/table-keys';
import type { Announcement } from '../../shared/domain/announcement';
import { auditOf } from '../../shared/domain/audit';
import { projectEntries } from '../../shared/services/publish-entries';
import { startEmulators, type Emulators } from '../support/emulators';

/**
 * The feed index as the publisher's projection on DynamoDB Local: a store
 * write leaves the feeds alone, the projection moves the item between feeds,
 * and a replayed older record never overwrites or removes a newer entry.
 */
let emu: Emulators;
let entries: DynamoFeedEntries;
let index: DynamoFeedIndex;
let n = 0;

const item = (over: Partial<Announcement> = {}): Announcement => {
  const id = `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}`;
  return {
    id, slug: 'x', title: 'v1', summary: 's', body: 'b', bodyHtml: '<p>b</p>', language: 'en', tags: ['alpha'], authors: [], images: [], attachments: [],
    status: 'published', publishedAt: '2026-01-01T09:00:00.000Z', createdAt: '2026-01-01T09:00:00.000Z', updatedAt: '2026-01-01T09:00:00.000Z',
    createdBy: 'e', updatedBy: 'e', version: 1, ...over,
  } as Announcement;
};
const ids = async (feed: string) => (await index.latestInFeed(feed, 100)).map((a) => `${a.id.slice(-3)} ${a.title}`);
const partition = async (pk: string) =>
  (await emu.doc.send(new QueryCommand({ TableName: emu.table, KeyConditionExpression: 'pk = :p', ExpressionAttributeValues: { ':p': pk }, ConsistentRead: true }))).Items ?? [];

beforeAll(async () => {
  emu = await startEmulators();
  entries = new DynamoFeedEntries(emu.doc, emu.table);
  index = new DynamoFeedIndex(emu.doc, emu.table);
});
afterAll(() => emu.stop());

describe('a POST as the store writes it', () => {
  it('stores the announcement and its audit record, and no feed entry', async () => {
    const a = item({ tags: ['post-only'] });
    await new DynamoAnnouncementStore(emu.doc, emu.table).create(a, auditOf('create', undefined, a));
    expect((await partition(`ANN#${a.id}`)).map((i) => i.type).sort()).toEqual(['announcement', 'audit']);
    expect(await partition('FEED#tag:post-only')).toEqual([]);
  });

  it('refuses with a 413, storing nothing, an item whose copies in its feeds exceed one transaction', async () => {
    const a = item({ tags: Array.from({ length: 20 }, (_, i) => `big${i}`), bodyHtml: '&amp;'.repeat(40_000) });
    await expect(new DynamoAnnouncementStore(emu.doc, emu.table).create(a, auditOf('create', undefined, a))).rejects.toMatchObject({ status: 413 });
    expect(await partition(`ANN#${a.id}`)).toEqual([]);
  });
});

describe('DynamoFeedEntries.project', () => {
  it('puts an item in its site, language and tag feeds, then moves it when its tags and language change', async () => {
    const v1 = item({ tags: ['alpha', 'beta'] });
    await projectEntries(entries, [{ after: v1 }]);
    expect(await ids('tag:alpha')).toEqual([`${v1.id.slice(-3)} v1`]);
    const v2 = { ...v1, title: 'v2', version: 2, tags: ['beta', 'gamma'], language: 'fr' };
    await projectEntries(entries, [{ before: v1, after: v2 }]);
    expect(await ids('tag:alpha')).toEqual([]);
    expect(await ids('lang:en')).toEqual([]);
    for (const feed of ['tag:beta', 'tag:gamma', 'lang:fr']) expect(await ids(feed)).toEqual([`${v1.id.slice(-3)} v2`]);
    expect((await partition('FEED#tag:gamma'))[0]).toMatchObject({ type: FEED_ENTRY, version: 2 });
  });

  it('takes a retracted item out of every feed, and applies a batch of its records in order', async () => {
    const v1 = item({ tags: ['delta'] });
    const v2 = { ...v1, version: 2, title: 'v2', tags: ['epsilon'] };
    const v3 = { ...v2, version: 3, status: 'retracted' as const };
    await projectEntries(entries, [{ after: v1 }, { before: v1, after: v2 }, { before: v2, after: v3 }]);
    expect(await ids('tag:delta')).toEqual([]);
    expect(await ids('tag:epsilon')).toEqual([]);
    expect((await index.latestInFeed('site', 100)).some((a) => a.id === v1.id)).toBe(false);
  });

  it('never lets a replayed older record overwrite or remove a newer entry', async () => {
    const v1 = item({ tags: ['zeta'] });
    const v2 = { ...v1, version: 2, title: 'v2' };
    const v3 = { ...v2, version: 3, title: 'v3', tags: ['eta'] };
    const v4 = { ...v3, version: 4, title: 'v4', tags: ['zeta', 'eta'] };
    await projectEntries(entries, [{ after: v1 }, { before: v1, after: v2 }, { before: v2, after: v3 }, { before: v3, after: v4 }]);
    // Replays of v1 -> v2 and v2 -> v3 (zeta left, then came back in v4).
    await projectEntries(entries, [{ before: v1, after: v2 }]);
    await projectEntries(entries, [{ before: v2, after: v3 }]);
    expect(await ids('tag:zeta')).toEqual([`${v1.id.slice(-3)} v4`]);
    expect(await ids('tag:eta')).toEqual([`${v1.id.slice(-3)} v4`]);
  });

  it('replaces an entry written before entries carried a version', async () => {
    const v1 = item({ tags: ['legacy-entry'] });
    const key = { pk: 'FEED#tag:legacy-entry', sk: `${v1.publishedAt}#${v1.id}` };
    await emu.doc.send(new PutCommand({ TableName: emu.table, Item: { ...key, type: FEED_ENTRY, announcement: feedEntrySnapshot(v1) } }));
    const v2 = { ...v1, version: 2, title: 'v2', tags: [] };
    await projectEntries(entries, [{ before: v1, after: v2 }]);
    expect(await ids('tag:legacy-entry')).toEqual([]);
  });

  it('writes a batch of more entries than one transaction holds', async () => {
    const many = Array.from({ length: 45 }, (_, i) => item({ tags: ['many'], publishedAt: `2026-02-01T09:${String(i).padStart(2, '0')}:00.000Z` }));
    await projectEntries(entries, many.map((after) => ({ after })));
    expect((await index.latestInFeed('tag:many', 100)).length).toBe(45);
    expect((await partition('FEED#tag:many')).length).toBe(45);
  });
});
