import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DynamoFeedIndex } from '../../shared/adapters/dynamo-feed-index';
import { AnnouncementInput } from '../../shared/domain/announcement';
import { parseOrThrow } from '../../shared/domain/validation';
import { makeAnnouncementService } from '../../shared/services/announcement-service';
import { startEmulators, type Emulators } from '../support/emulators';
import { ProjectingAnnouncementStore } from '../support/projecting-store';

/** The archive queries of the DynamoDB feed index: one month of a feed, and the months next to it. */
const editor = { subject: 'test-editor', role: 'editor' as const };
let emu: Emulators;
let index: DynamoFeedIndex;
let at = 0;
let ids = 0;
const created: Record<string, string> = {};

beforeAll(async () => {
  emu = await startEmulators();
  index = new DynamoFeedIndex(emu.doc, emu.table);
  const service = makeAnnouncementService({
    store: new ProjectingAnnouncementStore(emu.doc, emu.table),
    clock: () => new Date(at),
    newId: () => `00000000-0000-4000-8000-${String(++ids).padStart(12, '0')}`,
  });
  // Tag "seminar" has items in December 2016, January 2017 (two) and March 2017; "msp" in February.
  const posts: [string, string, string][] = [
    ['2016-12-31T23:59:59.000Z', 'dec', 'seminar'],
    ['2017-01-01T00:00:00.000Z', 'jan1', 'seminar'],
    ['2017-01-31T12:00:00.000Z', 'jan2', 'seminar'],
    ['2017-02-15T12:00:00.000Z', 'feb', 'msp'],
    ['2017-03-01T08:00:00.000Z', 'mar', 'seminar'],
  ];
  for (const [when, name, tag] of posts) {
    at = Date.parse(when);
    const a = await service.create(parseOrThrow(AnnouncementInput, { title: name, language: 'en', tags: [tag], status: 'published' }), editor);
    created[name] = a.id;
  }
  at = Date.parse('2017-03-02T08:00:00.000Z');
  const draft = await service.create(parseOrThrow(AnnouncementInput, { title: 'draft', language: 'en', tags: ['seminar'], status: 'draft' }), editor);
  created.draft = draft.id;
});
afterAll(() => emu.stop());

describe('DynamoFeedIndex as FeedHistory on DynamoDB Local', () => {
  it('reads one month of one feed, newest first, and nothing of other months, feeds or drafts', async () => {
    expect((await index.inFeedMonth('tag:seminar', '2017-01')).map((a) => a.id)).toEqual([created.jan2, created.jan1]);
    expect((await index.inFeedMonth('tag:seminar', '2017-02')).map((a) => a.id)).toEqual([]);
    expect((await index.inFeedMonth('site', '2017-02')).map((a) => a.id)).toEqual([created.feb]);
    expect((await index.inFeedMonth('tag:seminar', '2017-03')).map((a) => a.id)).toEqual([created.mar]);
  });

  it('finds the nearest month with items before and after, across a year and over empty months', async () => {
    expect(await index.adjacentMonth('tag:seminar', '2017-01', 'before')).toBe('2016-12');
    expect(await index.adjacentMonth('tag:seminar', '2017-01', 'after')).toBe('2017-03');
    expect(await index.adjacentMonth('tag:seminar', '2016-12', 'before')).toBeUndefined();
    expect(await index.adjacentMonth('tag:seminar', '2017-03', 'after')).toBeUndefined();
    expect(await index.adjacentMonth('site', '2017-01', 'after')).toBe('2017-02');
  });
});
