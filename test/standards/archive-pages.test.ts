import { beforeAll, describe, expect, it } from '@jest/globals';
import { AnnouncementInput } from '../../shared/domain/announcement';
import { ARCHIVE_PAGE_MAX } from '../../shared/domain/archive-pages';
import { parseOrThrow } from '../../shared/domain/validation';
import type { PublishReport } from '../../shared/services/publish-run';
import { makeAnnouncementService } from '../../shared/services/announcement-service';
import { makePublisherService } from '../../shared/services/publisher-service';
import { INPUTS, SITE } from './support/coalition';
import { MemoryAnnouncementStore, MemoryObjectStore } from './support/memory-store';

/**
 * Archive pages of a busy month: 450 items in October 2026 (over twice the
 * page limit of 200), then 250 backdated into September in shuffled order,
 * then an old item retracted. Every change re-renders at most three archive
 * pages of at most 200 items per feed; the prev-archive and next-archive
 * chains each hold every item exactly once; a clean rebuild from the same
 * state writes the same bytes.
 */
const store = new MemoryAnnouncementStore();
const objects = new MemoryObjectStore();
let clock = 0;
let seq = 0;
const service = makeAnnouncementService({ store, clock: () => new Date(clock), newId: () => `7c1e0d2a-3b4c-4d5e-8f60-${String(++seq).padStart(12, '0')}` });
const deps = { index: store, registry: store, objects, hashes: objects.hashes, site: SITE, pageSize: 20, notifyHubs: async () => undefined };
const publisher = makePublisherService(deps);
const by = { subject: 'e', role: 'editor' as const };
const live = new Set<string>();
const renders: PublishReport[] = [];

async function post(at: number, i: number) {
  clock = at;
  const base = Object.values(INPUTS)[0]!;
  const after = await service.create(parseOrThrow(AnnouncementInput, { ...base, title: `Busy month #${i}`, language: 'en', tags: [], status: 'published' }), by);
  live.add(`urn:uuid:${after.id}`);
  renders.push(await publisher.publishChanges([{ after }]));
}

const keyOf = (url: string) => url.slice(`${SITE.siteUrl}/`.length);
const linkRel = (rel: string) => (body: string) => new RegExp(`<(?:atom:)?link [^>]*rel="${rel}"[^>]*href="([^"]+)"`).exec(body)?.[1];
const xmlIds = (body: string) => [...body.matchAll(/<(?:guid isPermaLink="false"|id)>(urn:uuid:[^<]+)</g)].map((m) => m[1]!);

/** Walks a chain from `start`, collecting the entries of every archive document (duplicates kept). */
function walk(start: string, rel: string) {
  const pages: string[] = [];
  const found: string[] = [];
  for (let key: string | undefined = start; key; ) {
    if (pages.includes(key)) throw new Error(`cycle at ${key}`);
    pages.push(key);
    const body = objects.body(key);
    if (key.includes('/archive/')) found.push(...xmlIds(body));
    const url = linkRel(rel)(body);
    key = url && keyOf(url);
  }
  return { pages, found: found.sort() };
}

/** Per feed, the archive pages one publish rendered (written or found unchanged) and their item counts. */
function pagesRendered(report: PublishReport) {
  const docs = [...report.written, ...report.unchanged].filter((k) => k.includes('/archive/') && k.endsWith('atom.xml'));
  const byFeed = new Map<string, number[]>();
  for (const k of docs) {
    const feed = k.slice(0, k.indexOf('archive/'));
    byFeed.set(feed, [...(byFeed.get(feed) ?? []), xmlIds(objects.body(k)).length]);
  }
  return [...byFeed.values()];
}

function expectBounded(from: number) {
  for (const report of renders.slice(from)) {
    for (const counts of pagesRendered(report)) {
      expect(counts.length).toBeLessThanOrEqual(3);
      for (const n of counts) expect(n).toBeLessThanOrEqual(ARCHIVE_PAGE_MAX);
    }
  }
}

function expectChains() {
  const all = [...live].sort();
  for (const feed of ['feeds/', 'feeds/en/']) {
    const back = walk(`${feed}atom.xml`, 'prev-archive');
    expect(back.found).toEqual(all);
    expect(walk(back.pages.at(-1)!, 'next-archive').found).toEqual(all);
  }
}

const OCT = Date.parse('2026-10-01T00:00:00.000Z');
const SEP = Date.parse('2026-09-01T00:00:00.000Z');
const HOUR = 3_600_000;

beforeAll(async () => {
  for (let i = 0; i < 3; i++) await post(Date.parse('2026-08-10T09:00:00.000Z') + i * HOUR, i);
  for (let i = 0; i < 450; i++) await post(OCT + i * 1.5 * HOUR, 100 + i);
});

describe('archive pages of a busy month', () => {
  it('keeps the month URL for its oldest page and splits the rest into pages of at most 200', () => {
    const first = objects.body('feeds/archive/2026-10/atom.xml');
    expect(xmlIds(first).length).toBeLessThanOrEqual(ARCHIVE_PAGE_MAX);
    expect(linkRel('prev-archive')(first)).toBe(`${SITE.siteUrl}/feeds/archive/2026-08/atom.xml`);
    expect(linkRel('next-archive')(first)).toMatch(/\/feeds\/archive\/2026-10\/\d{8}T\d{9}Z-[0-9a-f-]{36}\/atom\.xml$/);
    expect(xmlIds(objects.body('feeds/archive/2026-08/atom.xml'))).toHaveLength(3);
  });

  it('re-renders at most three pages of at most 200 items per feed for each post', () => expectBounded(0));

  it('walks prev-archive from the feed and next-archive back, each item exactly once', () => {
    expectChains();
    const json = walk('feeds/feed.json', 'x');
    expect(json.pages).toHaveLength(1);
    const found: string[] = [];
    for (let key: string | undefined = 'feeds/feed.json'; key; ) {
      const doc = JSON.parse(objects.body(key)) as { next_url?: string; items: { id: string }[] };
      if (key.includes('/archive/')) found.push(...doc.items.map((i) => i.id));
      key = doc.next_url && keyOf(doc.next_url);
    }
    expect(found.sort()).toEqual([...live].sort());
  });

  it('keeps the chain and the bound when 250 items are backdated into an earlier month in any order', async () => {
    const from = renders.length;
    const order = Array.from({ length: 250 }, (_, i) => (i * 97) % 250);
    for (const i of order) await post(SEP + i * 2 * HOUR, 1000 + i);
    expectBounded(from);
    expectChains();
    expect(xmlIds(objects.body('feeds/archive/2026-09/atom.xml')).length).toBeLessThanOrEqual(ARCHIVE_PAGE_MAX);
  });

  it('rewrites only the page of a retracted old item, and the month URL stops holding it', async () => {
    const old = xmlIds(objects.body('feeds/archive/2026-10/atom.xml'))[5]!;
    const id = old.slice('urn:uuid:'.length);
    clock = OCT + 40 * 24 * HOUR;
    const before = (await store.get(id))!;
    const after = await service.retract(id, `"v${before.version}"`, by);
    live.delete(old);
    const report = await publisher.publishChanges([{ before, after }]);
    const archives = report.written.filter((k) => k.includes('/archive/'));
    expect(archives.every((k) => /\/archive\/2026-10\/[a-z]+\.(xml|json|ics)$/.test(k))).toBe(true);
    expect(archives.length).toBeGreaterThan(0);
    expect(xmlIds(objects.body('feeds/archive/2026-10/atom.xml'))).not.toContain(old);
    expectChains();
  });

  it('is what a clean rebuild from the same state writes, byte for byte', async () => {
    const clean = new MemoryObjectStore();
    await makePublisherService({ ...deps, objects: clean, hashes: clean.hashes }).rebuildAll();
    const archives = [...objects.objects.keys()].filter((k) => k.includes('/archive/')).sort();
    expect([...clean.objects.keys()].filter((k) => k.includes('/archive/')).sort()).toEqual(archives);
    for (const k of archives) expect(clean.body(k)).toBe(objects.body(k));
    for (const k of ['feeds/atom.xml', 'feeds/rss.xml', 'feeds/feed.json']) expect(clean.body(k)).toBe(objects.body(k));
  });
});
