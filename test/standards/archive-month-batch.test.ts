import { describe, expect, it } from '@jest/globals';
import { AnnouncementInput, type Announcement } from '../../shared/domain/announcement';
import { parseOrThrow } from '../../shared/domain/validation';
import { makeAnnouncementService } from '../../shared/services/announcement-service';
import { makePublisherService } from '../../shared/services/publisher-service';
import { INPUTS, SITE } from './support/coalition';
import { MemoryAnnouncementStore, MemoryObjectStore } from './support/memory-store';

/**
 * A month that appears, or empties, with several items in one publish (a
 * stream batch, an import's deferred step): the months on either side link
 * to it, or past it, as a clean rebuild links them. One item at a time was
 * covered already; two at once used to leave the neighbours' links stale.
 */
const store = new MemoryAnnouncementStore();
const objects = new MemoryObjectStore();
let clock = 0;
let seq = 0;
const service = makeAnnouncementService({ store, clock: () => new Date(clock), newId: () => `5d2c7a10-6e3f-4b1a-9c2d-${String(++seq).padStart(12, '0')}` });
const deps = { index: store, registry: store, objects, hashes: objects.hashes, site: SITE, pageSize: 2, notifyHubs: async () => undefined };
const publisher = makePublisherService(deps);
const by = { subject: 'e', role: 'editor' as const };

const create = async (at: string, i: number) => {
  clock = Date.parse(at);
  return service.create(parseOrThrow(AnnouncementInput, { ...Object.values(INPUTS)[0]!, title: `Month batch #${i}`, language: 'en', tags: [], status: 'published' }), by);
};
const linkRel = (rel: string, key: string) => new RegExp(`<(?:atom:)?link [^>]*href="([^"]+)"[^>]*rel="${rel}"|<(?:atom:)?link [^>]*rel="${rel}"[^>]*href="([^"]+)"`).exec(objects.body(key))?.slice(1).find(Boolean);
const archive = (month: string) => `${SITE.siteUrl}/feeds/archive/${month}/atom.xml`;

async function expectCleanRebuild() {
  const clean = new MemoryObjectStore();
  await makePublisherService({ ...deps, objects: clean, hashes: clean.hashes }).rebuildAll();
  const keys = [...clean.objects.keys()].filter((k) => k.includes('/archive/')).sort();
  expect([...objects.objects.keys()].filter((k) => k.includes('/archive/') && objects.body(k) !== '').sort()).toEqual(keys);
  for (const k of keys) expect([k, objects.body(k)]).toEqual([k, clean.body(k)]);
}

describe('a month that appears or empties with several items in one publish', () => {
  let september: Announcement[] = [];

  it('links the months on either side to it when it appears', async () => {
    for (const [i, d] of ['2025-07-10', '2025-07-20', '2025-10-05', '2025-10-06', '2025-10-07'].entries()) {
      await publisher.publishChanges([{ after: await create(`${d}T09:00:00.000Z`, i) }]);
    }
    expect(linkRel('prev-archive', 'feeds/archive/2025-10/atom.xml')).toBe(archive('2025-07'));
    september = [await create('2025-09-03T09:00:00.000Z', 10), await create('2025-09-04T09:00:00.000Z', 11)];
    clock = Date.parse('2025-10-08T09:00:00.000Z');
    await publisher.publishChanges(september.map((after) => ({ after })));
    expect(linkRel('prev-archive', 'feeds/archive/2025-10/atom.xml')).toBe(archive('2025-09'));
    expect(linkRel('next-archive', 'feeds/archive/2025-07/atom.xml')).toBe(archive('2025-09'));
    await expectCleanRebuild();
  });

  it('renders each page once when neighbouring months appear together', async () => {
    clock = Date.parse('2025-10-08T10:00:00.000Z');
    const report = await publisher.publishChanges([{ after: await create('2025-05-03T09:00:00.000Z', 20) }, { after: await create('2025-06-03T09:00:00.000Z', 21) }]);
    const pages = [...report.written, ...report.unchanged].filter((k) => k.includes('/archive/'));
    expect(pages.filter((k, i) => pages.indexOf(k) !== i)).toEqual([]);
    // Both new months, and the month after them (its prev link moved), in each feed they belong to.
    for (const month of ['2025-05', '2025-06', '2025-07']) expect(pages).toContain(`feeds/archive/${month}/atom.xml`);
    expect(linkRel('prev-archive', 'feeds/archive/2025-07/atom.xml')).toBe(archive('2025-06'));
    await expectCleanRebuild();
  });

  it('links them past it when it empties', async () => {
    clock = Date.parse('2025-10-09T09:00:00.000Z');
    const changes = [];
    for (const a of september) changes.push({ before: a, after: await service.retract(a.id, `"v${a.version}"`, by) });
    await publisher.publishChanges(changes);
    expect(linkRel('prev-archive', 'feeds/archive/2025-10/atom.xml')).toBe(archive('2025-07'));
    expect(linkRel('next-archive', 'feeds/archive/2025-07/atom.xml')).toBe(archive('2025-10'));
  });
});
