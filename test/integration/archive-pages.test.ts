import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { archivePagesPartition } from '../../shared/adapters/dynamo-archive-pages';
import { DynamoFeedIndex } from '../../shared/adapters/dynamo-feed-index';
import { AnnouncementInput } from '../../shared/domain/announcement';
import { entrySortKey, pagesOf } from '../../shared/domain/archive-pages';
import { parseOrThrow } from '../../shared/domain/validation';
import { makeAnnouncementService } from '../../shared/services/announcement-service';
import { startEmulators, type Emulators } from '../support/emulators';
import { ProjectingAnnouncementStore } from '../support/projecting-store';

/** Archive pages on DynamoDB Local: a page's items by sort-key range, and the stored boundaries per feed and month. */
const editor = { subject: 'test-editor', role: 'editor' as const };
let emu: Emulators;
let index: DynamoFeedIndex;
let at = 0;
let ids = 0;
const keys: string[] = [];

beforeAll(async () => {
  emu = await startEmulators();
  index = new DynamoFeedIndex(emu.doc, emu.table);
  const service = makeAnnouncementService({ store: new ProjectingAnnouncementStore(emu.doc, emu.table), clock: () => new Date(at), newId: () => `00000000-0000-4000-8000-${String(++ids).padStart(12, '0')}` });
  // Six "busy" items on 2026-10-01..06, one in September and one in November.
  for (const when of ['2026-09-30T23:59:59.999Z', ...[1, 2, 3, 4, 5, 6].map((d) => `2026-10-0${d}T12:00:00.000Z`), '2026-11-01T00:00:00.000Z']) {
    at = Date.parse(when);
    const a = await service.create(parseOrThrow(AnnouncementInput, { title: when, language: 'en', tags: ['busy'], status: 'published' }), editor);
    keys.push(entrySortKey(a));
  }
});
afterAll(() => emu.stop());

describe('DynamoFeedIndex archive pages on DynamoDB Local', () => {
  it('reads a page from its start (included) to the next boundary (excluded), newest first, within its month', async () => {
    const pages = pagesOf('2026-10', [keys[3]!, keys[5]!]);
    const page = async (i: number) => (await index.inFeedPage('tag:busy', pages[i]!)).map(entrySortKey);
    expect(await page(0)).toEqual([keys[2], keys[1]]);
    expect(await page(1)).toEqual([keys[4], keys[3]]);
    expect(await page(2)).toEqual([keys[6], keys[5]]);
    expect(await index.inFeedPage('tag:other', pages[0]!)).toEqual([]);
  });

  it('stores boundaries idempotently and reads them per feed and month, and the last one below a key', async () => {
    expect(await index.pageBoundaries('tag:busy', '2026-10')).toEqual([]);
    expect(await index.lastPageBoundary('tag:busy', '~')).toBeUndefined();
    await index.addPageBoundaries('tag:busy', [keys[5]!, keys[3]!]);
    await index.addPageBoundaries('tag:busy', [keys[3]!]);
    await index.addPageBoundaries('site', ['2026-10-09T00:00:00.000Z#x']);
    await index.addPageBoundaries('tag:busy', ['2026-08-01T00:00:00.000Z#y']);
    expect(await index.pageBoundaries('tag:busy', '2026-10')).toEqual([keys[3], keys[5]]);
    expect(await index.pageBoundaries('tag:busy', '2026-09')).toEqual([]);
    expect(await index.lastPageBoundary('tag:busy', '2026-11-')).toBe(keys[5]);
    expect(await index.lastPageBoundary('tag:busy', '2026-10-')).toBe('2026-08-01T00:00:00.000Z#y');
    expect(await index.lastPageBoundary('tag:busy', '2026-08-')).toBeUndefined();
    const stored = await emu.doc.send(new QueryCommand({ TableName: emu.table, KeyConditionExpression: 'pk = :p', ExpressionAttributeValues: { ':p': archivePagesPartition('tag:busy') } }));
    expect(stored.Items).toHaveLength(3);
    expect(archivePagesPartition('tag:busy')).toMatch(/^META#/);
  });

  it('reads the two boundaries at or under a key and the two over it, across months, within the feed', async () => {
    // Boundaries of tag:busy (as stored above): 2026-08-01 y, keys[3], keys[5].
    const y = '2026-08-01T00:00:00.000Z#y';
    expect(await index.boundariesAround('tag:busy', keys[3]!)).toEqual({ below: [keys[3], y], above: [keys[5]] });
    expect(await index.boundariesAround('tag:busy', keys[4]!)).toEqual({ below: [keys[3], y], above: [keys[5]] });
    expect(await index.boundariesAround('tag:busy', '2026-12~')).toEqual({ below: [keys[5], keys[3]], above: [] });
    expect(await index.boundariesAround('tag:busy', '2026-10-')).toEqual({ below: [y], above: [keys[3], keys[5]] });
    expect(await index.boundariesAround('tag:busy', '2026-01-')).toEqual({ below: [], above: [y, keys[3]] });
    expect(await index.boundariesAround('tag:none', '2026-10-')).toEqual({ below: [], above: [] });
  });

  it('leaves the feed queries blind to boundaries: newest items and months are entries only', async () => {
    expect((await index.latestInFeed('tag:busy', 100)).map(entrySortKey)).toEqual([...keys].reverse());
    expect(await index.adjacentMonth('tag:busy', '2026-10', 'after')).toBe('2026-11');
    expect(await index.adjacentMonth('tag:busy', '2026-10', 'before')).toBe('2026-09');
  });
});
