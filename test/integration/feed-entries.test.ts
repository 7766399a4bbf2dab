import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { DynamoAnnouncementStore } from '../../shared/adapters/dynamo-announcement-store';
import { DynamoFeedEntries } from '../../shared/adapters/dynamo-feed-entries';
import { DynamoFeedIndex } from '../../shared/adapters/dynamo-feed-index';
import { announcementItem } from '../../shared/adapters/dynamo-announcement-items';
import { FEED_ENTRY, feedEntrySnapshot } from '../../shared/adapters/table-keys';
import type { Announcement } from '../../shared/domain/announcement';
import { auditOf } from '../../shared/domain/audit';
import { projectEntries } from '../../shared/services/publish-entries';
import type { Change } from '../../shared/services/publish-run';
import { startEmulators, type Emulators } from '../support/emulators';
import { makeDocumentClient, makeDynamoClient } from '../../shared/adapters/aws-clients';

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
/** The item stored in `state` (as the admin API leaves it), then the publisher's step for these stream records. */
async function publish(state: Announcement | undefined, changes: Change[]): Promise<void> {
  if (state) await emu.doc.send(new PutCommand({ TableName: emu.table, Item: announcementItem(state) }));
  await projectEntries(index, changes);
}
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
    // The create's audit record rides on the announcement item (dynamo-create-audit).
    const stored = await partition(`ANN#${a.id}`);
    expect(stored.map((i) => i.type)).toEqual(['announcement']);
    expect(stored[0]!.createAudit).toEqual(auditOf('create', undefined, a));
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
    await publish(v1, [{ after: v1 }]);
    expect(await ids('tag:alpha')).toEqual([`${v1.id.slice(-3)} v1`]);
    const v2 = { ...v1, title: 'v2', version: 2, tags: ['beta', 'gamma'], language: 'fr' };
    await publish(v2, [{ before: v1, after: v2 }]);
    expect(await ids('tag:alpha')).toEqual([]);
    expect(await ids('lang:en')).toEqual([]);
    for (const feed of ['tag:beta', 'tag:gamma', 'lang:fr']) expect(await ids(feed)).toEqual([`${v1.id.slice(-3)} v2`]);
    expect((await partition('FEED#tag:gamma'))[0]).toMatchObject({ type: FEED_ENTRY, version: 2 });
  });

  it('takes a retracted item out of every feed, and applies a batch of its records in order', async () => {
    const v1 = item({ tags: ['delta'] });
    const v2 = { ...v1, version: 2, title: 'v2', tags: ['epsilon'] };
    const v3 = { ...v2, version: 3, status: 'retracted' as const };
    await publish(v3, [{ after: v1 }, { before: v1, after: v2 }, { before: v2, after: v3 }]);
    expect(await ids('tag:delta')).toEqual([]);
    expect(await ids('tag:epsilon')).toEqual([]);
    expect((await index.latestInFeed('site', 100)).some((a) => a.id === v1.id)).toBe(false);
  });

  it('follows the stored state whatever records are replayed, duplicated or reversed', async () => {
    const v1 = item({ tags: ['zeta', 'theta'] });
    const v2 = { ...v1, version: 2, title: 'v2' };
    const v3 = { ...v2, version: 3, title: 'v3', tags: ['eta'] };
    const v4 = { ...v3, version: 4, title: 'v4', tags: ['zeta', 'eta'] };
    const records: Change[] = [{ after: v1 }, { before: v1, after: v2 }, { before: v2, after: v3 }, { before: v3, after: v4 }];
    await publish(v4, records);
    // Replays of old records (theta was left in v3), one by one, doubled and reversed.
    for (const r of records) await publish(undefined, [r]);
    await publish(undefined, [...records, ...records].reverse());
    const id = v1.id.slice(-3);
    expect([await ids('tag:zeta'), await ids('tag:eta'), await ids('tag:theta')]).toEqual([[`${id} v4`], [`${id} v4`], []]);
  });

  it('never lets an older state overwrite or remove a newer entry (the version condition)', async () => {
    const v1 = item({ tags: ['iota'] });
    const v2 = { ...v1, version: 2, title: 'v2', tags: ['iota', 'kappa'] };
    await entries.project([{ current: v2, earlier: [v1] }]);
    await entries.project([{ current: v1, earlier: [v2] }]);
    const id = v1.id.slice(-3);
    expect([await ids('tag:iota'), await ids('tag:kappa')]).toEqual([[`${id} v2`], [`${id} v2`]]);
  });

  it('replaces an entry written before entries carried a version', async () => {
    const v1 = item({ tags: ['legacy-entry'] });
    const key = { pk: 'FEED#tag:legacy-entry', sk: `${v1.publishedAt}#${v1.id}` };
    await emu.doc.send(new PutCommand({ TableName: emu.table, Item: { ...key, type: FEED_ENTRY, announcement: feedEntrySnapshot(v1) } }));
    const v2 = { ...v1, version: 2, title: 'v2', tags: [] };
    await publish(v2, [{ before: v1, after: v2 }]);
    expect(await ids('tag:legacy-entry')).toEqual([]);
  });

  it('writes a batch of more entries than one transaction holds', async () => {
    const many = Array.from({ length: 45 }, (_, i) => item({ tags: ['many'], publishedAt: `2026-02-01T09:${String(i).padStart(2, '0')}:00.000Z` }));
    for (const a of many) await emu.doc.send(new PutCommand({ TableName: emu.table, Item: announcementItem(a) }));
    await projectEntries(index, many.map((after) => ({ after })));
    expect((await index.latestInFeed('tag:many', 100)).length).toBe(45);
    expect((await partition('FEED#tag:many')).length).toBe(45);
  });
});

describe('a projection whose images are the stored versions', () => {
  /** An index on its own client, counting the commands it sends. */
  function countingIndex() {
    const sent: string[] = [];
    const client = makeDynamoClient({ region: 'us-east-1', dynamoEndpoint: emu.endpoints.dynamo });
    client.middlewareStack.add((next, context) => (args) => (sent.push(context.commandName ?? '?'), next(args)), { step: 'initialize', name: 'countCommands' });
    return { index: new DynamoFeedIndex(makeDocumentClient(client), emu.table), sent, stop: () => client.destroy() };
  }

  it('writes the entries in one transaction, reading nothing first', async () => {
    const counted = countingIndex();
    const v1 = item({ tags: ['lambda'] });
    const v2 = { ...v1, version: 2, title: 'v2', tags: ['mu'] };
    await emu.doc.send(new PutCommand({ TableName: emu.table, Item: announcementItem(v2) }));
    await projectEntries(counted.index, [{ after: v1 }, { before: v1, after: v2 }]);
    counted.stop();
    expect(counted.sent).toEqual(['TransactWriteItemsCommand']);
    expect([await ids('tag:lambda'), await ids('tag:mu')]).toEqual([[], [`${v1.id.slice(-3)} v2`]]);
  });

  it('writes nothing from an image the store has moved past, and then follows the stored state', async () => {
    const v1 = item({ tags: ['nu'] });
    const v2 = { ...v1, version: 2, title: 'v2', tags: ['xi'] };
    await emu.doc.send(new PutCommand({ TableName: emu.table, Item: announcementItem(v2) }));
    expect(await entries.projectIfCurrent([{ current: v1, earlier: [] }])).toBe(false);
    expect(await ids('tag:nu')).toEqual([]);
    const counted = countingIndex();
    await projectEntries(counted.index, [{ after: v1 }]);
    counted.stop();
    expect(counted.sent[0]).toBe('TransactWriteItemsCommand');
    expect(counted.sent).toContain('GetItemCommand');
    expect([await ids('tag:nu'), await ids('tag:xi')]).toEqual([[], [`${v1.id.slice(-3)} v2`]]);
  });

  it('falls back to the read when the batch does not fit one transaction, or an item is gone', async () => {
    const many = Array.from({ length: 40 }, (_, i) => item({ tags: ['omicron'], publishedAt: `2026-03-01T09:${String(i).padStart(2, '0')}:00.000Z` }));
    // 40 checks and 120 entries: more than one transaction holds.
    expect(await entries.projectIfCurrent(many.map((current) => ({ current, earlier: [] })))).toBe(false);
    const gone = item({ tags: ['pi'] });
    expect(await entries.projectIfCurrent([{ current: undefined, earlier: [gone] }])).toBe(false);
    expect(await ids('tag:omicron')).toEqual([]);
  });
});

