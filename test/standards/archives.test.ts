import { beforeAll, describe, expect, it } from '@jest/globals';
import { AnnouncementInput } from '../../shared/domain/announcement';
import { parseOrThrow } from '../../shared/domain/validation';
import { ARCHIVE_CACHE_CONTROL, FEED_CACHE_CONTROL } from '../../shared/render/output-file';
import { makeAnnouncementService } from '../../shared/services/announcement-service';
import { makePublisherService } from '../../shared/services/publisher-service';
import { INPUTS, SITE } from './support/coalition';
import { jsonFeedErrors } from './support/json-schema';
import { MemoryAnnouncementStore, MemoryObjectStore } from './support/memory-store';
import { describeWith, feedparser, jingErrors, writeTemp } from './support/tools';

/**
 * RFC 5005 archives: with a page size of 3, eight announcements over three
 * months leave the feed holding the newest three, and a subscriber walking
 * prev-archive (JSON Feed: next_url) from the feed finds every item; nothing
 * falls off the end. Published incrementally, the files equal a full rebuild.
 */
const store = new MemoryAnnouncementStore();
const objects = new MemoryObjectStore();
let clock = 0;
let seq = 0;
const service = makeAnnouncementService({
  store,
  clock: () => new Date(clock),
  newId: () => `0b4a9c3e-1d2f-4a5b-8c7d-${String(++seq).padStart(12, '0')}`,
});
const publisher = makePublisherService({ index: store, registry: store, objects, hashes: objects.hashes, site: SITE, pageSize: 3, notifyHubs: async () => undefined });
const by = { subject: 'e', role: 'editor' as const };
const inputs = Object.values(INPUTS);
const ids: string[] = [];

async function post(at: string, i: number) {
  clock = Date.parse(at);
  const input = { ...inputs[i % inputs.length]!, title: `${inputs[i % inputs.length]!.title} #${i}`, tags: ['seminar'], status: 'published' };
  const after = await service.create(parseOrThrow(AnnouncementInput, input), by);
  ids.push(`urn:uuid:${after.id}`);
  return publisher.publishChanges([{ after }]);
}

const keyOf = (url: string) => url.slice(`${SITE.siteUrl}/`.length);
const archiveKeys = (month: string, prefix = 'feeds/') => ['atom.xml', 'feed.json', 'rss.xml'].map((f) => `${prefix}archive/${month}/${f}`);

beforeAll(async () => {
  const dates = ['2017-07-10', '2017-07-20', '2017-08-01', '2017-08-15', '2017-08-30', '2017-09-04', '2017-09-05', '2017-09-06'];
  for (const [i, d] of dates.entries()) await post(`${d}T09:00:00.000Z`, i);
});

/** Follows a link relation from a document to the next, collecting entry ids; fails on a cycle. */
function walk(start: string, next: (body: string) => string | undefined, idsOf: (body: string) => string[]) {
  const seen: string[] = [];
  const found: string[] = [];
  for (let key: string | undefined = start; key; ) {
    if (seen.includes(key)) throw new Error(`cycle at ${key}`);
    seen.push(key);
    const body = objects.body(key);
    found.push(...idsOf(body));
    const url = next(body);
    key = url && keyOf(url);
  }
  return { seen, found: [...new Set(found)].sort() };
}
const linkRel = (rel: string) => (body: string) => new RegExp(`<(?:atom:)?link [^>]*rel="${rel}"[^>]*href="([^"]+)"|<(?:atom:)?link [^>]*href="([^"]+)"[^>]*rel="${rel}"`).exec(body)?.slice(1).find(Boolean);
const xmlIds = (body: string) => [...body.matchAll(/<(?:guid isPermaLink="false"|id)>(urn:uuid:[^<]+)</g)].map((m) => m[1]!);

describe('RFC 5005 archives of a feed longer than its page', () => {
  it('keeps the newest page in the feed and every older item reachable through prev-archive', () => {
    expect(xmlIds(objects.body('feeds/atom.xml'))).toEqual(ids.slice(-3).reverse());
    for (const start of ['feeds/rss.xml', 'feeds/atom.xml', 'feeds/tags/seminar/atom.xml']) {
      const { seen, found } = walk(start, linkRel('prev-archive'), xmlIds);
      expect(found).toEqual([...ids].sort());
      expect(seen.slice(1).map((k) => k.replace(/^.*archive\/([^/]+)\/.*$/, '$1'))).toEqual(['2017-09', '2017-08', '2017-07']);
    }
  });

  it('pages JSON Feed the same way through next_url', () => {
    const { found } = walk('feeds/feed.json', (b) => (JSON.parse(b) as { next_url?: string }).next_url, (b) =>
      (JSON.parse(b) as { items: { id: string }[] }).items.map((i) => i.id),
    );
    expect(found).toEqual([...ids].sort());
  });

  it('links archives both ways and to the feed, marks them fh:archive, and names no hubs', () => {
    const next = linkRel('next-archive');
    expect(next(objects.body('feeds/archive/2017-07/atom.xml'))).toBe(`${SITE.siteUrl}/feeds/archive/2017-08/atom.xml`);
    expect(next(objects.body('feeds/archive/2017-08/rss.xml'))).toBe(`${SITE.siteUrl}/feeds/archive/2017-09/rss.xml`);
    expect(next(objects.body('feeds/archive/2017-09/atom.xml'))).toBeUndefined();
    expect(linkRel('prev-archive')(objects.body('feeds/archive/2017-07/atom.xml'))).toBeUndefined();
    for (const key of [...archiveKeys('2017-08'), ...archiveKeys('2017-09')].filter((k) => k.endsWith('.xml'))) {
      const body = objects.body(key);
      expect(body).toContain('<fh:archive/>');
      expect(linkRel('current')(body)).toBe(`${SITE.siteUrl}/feeds/${key.endsWith('rss.xml') ? 'rss' : 'atom'}.xml`);
      expect(linkRel('hub')(body)).toBeUndefined();
    }
    expect(objects.body('feeds/atom.xml')).not.toContain('fh:archive');
  });

  it('serves closed months with a long Cache-Control and the open month with the feed policy', () => {
    for (const key of [...archiveKeys('2017-07'), ...archiveKeys('2017-08')]) expect(objects.objects.get(key)?.cacheControl).toBe(ARCHIVE_CACHE_CONTROL);
    for (const key of archiveKeys('2017-09')) expect(objects.objects.get(key)?.cacheControl).toBe(FEED_CACHE_CONTROL);
  });

  it('writes archives that a full rebuild leaves byte for byte unchanged', async () => {
    const report = await publisher.rebuildAll();
    expect(report.written).toEqual([]);
    expect(report.unchanged).toEqual(expect.arrayContaining([...archiveKeys('2017-07'), ...archiveKeys('2017-07', 'feeds/tags/seminar/')]));
  });

  it('re-renders the previous archive when a new month starts, which closes it', async () => {
    await post('2017-10-02T09:00:00.000Z', 8);
    expect(linkRel('next-archive')(objects.body('feeds/archive/2017-09/atom.xml'))).toBe(`${SITE.siteUrl}/feeds/archive/2017-10/atom.xml`);
    expect(objects.objects.get('feeds/archive/2017-09/rss.xml')?.cacheControl).toBe(ARCHIVE_CACHE_CONTROL);
    expect(linkRel('prev-archive')(objects.body('feeds/rss.xml'))).toBe(`${SITE.siteUrl}/feeds/archive/2017-10/rss.xml`);
  });

  it('rewrites only the archive of the month whose item was retracted', async () => {
    clock = Date.parse('2017-10-03T09:00:00.000Z');
    const id = ids[0]!.slice('urn:uuid:'.length);
    const before = (await store.get(id))!;
    const after = await service.retract(id, '"v1"', by);
    const report = await publisher.publishChanges([{ before, after }]);
    // The English feed had no other July item: its July archive empties, so its
    // August archive loses the prev-archive link and is rewritten too.
    expect(report.written.filter((k) => k.includes('/archive/'))).toEqual(
      [...archiveKeys('2017-07'), ...archiveKeys('2017-07', 'feeds/en/'), ...archiveKeys('2017-08', 'feeds/en/'), ...archiveKeys('2017-07', 'feeds/tags/seminar/')].sort(),
    );
    expect(linkRel('prev-archive')(objects.body('feeds/en/archive/2017-08/atom.xml'))).toBeUndefined();
    expect(xmlIds(objects.body('feeds/archive/2017-07/atom.xml'))).toEqual([ids[1]]);
  });
});

describeWith('jing', 'archive documents as consumers see them', () => {
  const archives = () => [...objects.objects.keys()].filter((k) => k.includes('/archive/')).map((key) => ({ key, body: objects.body(key) }));

  it('are valid Atom (RFC 4287 schema), valid JSON Feed 1.1, and parse in feedparser without bozo', () => {
    const all = archives();
    expect(all.length).toBeGreaterThan(20);
    expect(jingErrors(writeTemp(all.filter((f) => f.key.endsWith('atom.xml'))).paths)).toEqual([]);
    for (const f of all.filter((x) => x.key.endsWith('feed.json'))) expect(jsonFeedErrors(f.body)).toEqual([]);
    const xml = all.filter((f) => f.key.endsWith('.xml'));
    const parsed = feedparser(writeTemp(xml).paths);
    expect(Object.values(parsed).map((p) => p.bozo)).toEqual(xml.map(() => 0));
  });
});
