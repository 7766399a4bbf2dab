import { describe, expect, it } from '@jest/globals';
import type { Announcement } from '../../../shared/domain/announcement';
import { entrySortKey, monthOfKey } from '../../../shared/domain/archive-pages';
import { feedsOf } from '../../../shared/domain/feeds';
import { makePublisherService } from '../../../shared/services/publisher-service';
import { InMemoryAnnouncementStore, InMemoryObjectStore, noHubs } from '../../support/fakes';
import { EDITOR, SITE, msp7En, serviceWithFakes } from '../../support/fixtures';

const HOUR = 3_600_000;

/**
 * Two items in August 2017 and 30 in September, whose September pages the
 * publisher stored with a boundary every fifth item of each feed (six pages),
 * published by a rebuild. The index is counted by method.
 */
async function busyMonth() {
  const { service, store, clock } = serviceWithFakes('2017-08-20T08:00:00.000Z');
  const stored: Announcement[] = [];
  const post = async (i: number) => {
    stored.push(await service.create({ ...msp7En, title: `Item ${i}` }, EDITOR));
    clock.advance(HOUR);
  };
  for (let i = 0; i < 2; i++) await post(i);
  clock.set('2017-09-01T08:00:00.000Z');
  for (let i = 2; i < 32; i++) await post(i);
  await store.register(feedsOf(stored[0]!));
  for (const feed of feedsOf(stored[0]!)) {
    const keys = stored.map(entrySortKey).filter((k) => monthOfKey(k) === '2017-09');
    await store.addPageBoundaries(feed, keys.filter((_, i) => i > 0 && i % 5 === 0));
  }
  const calls: Record<string, number> = {};
  const index = new Proxy(store, {
    get(target, name, receiver) {
      const value = Reflect.get(target, name, receiver) as unknown;
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        calls[String(name)] = (calls[String(name)] ?? 0) + 1;
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
  const objects = new InMemoryObjectStore();
  const publisher = makePublisherService({ index, registry: store, objects, hashes: objects.hashes, site: SITE, pageSize: 8, notifyHubs: noHubs });
  await publisher.rebuildAll();
  for (const k of Object.keys(calls)) delete calls[k];
  objects.hashes.calls.getMany = 0;
  return { service, store, clock, stored, calls, objects, publisher };
}

/** Every object a clean rebuild of the same state writes, byte for byte, is in `objects`. */
async function expectRebuildEqual(store: InMemoryAnnouncementStore, objects: InMemoryObjectStore) {
  const clean = new InMemoryObjectStore();
  await makePublisherService({ index: store, registry: store, objects: clean, hashes: clean.hashes, site: SITE, pageSize: 8, notifyHubs: noHubs }).rebuildAll();
  const keys = [...clean.objects.keys()].filter((k) => k.startsWith('feeds/')).sort();
  expect(keys.filter((k) => k.includes('/archive/2017-09/')).length).toBeGreaterThan(0);
  for (const k of keys) expect([k, objects.bodyOf(k)]).toEqual([k, clean.bodyOf(k)]);
}

describe('publishing one change into a month of many archive pages', () => {
  it('places a new item with one boundary read per feed, no month-wide read, and one batch of hash records ahead', async () => {
    // Prepare
    const { service, store, clock, calls, objects, publisher } = await busyMonth();
    clock.set('2017-09-03T12:00:00.000Z');
    const after = await service.create({ ...msp7En, title: 'New' }, EDITOR);
    // Act
    const report = await publisher.publishChanges([{ after }]);
    // Assess: four feeds, each with its boundaries around the key, its newest items and its page.
    expect(report.feeds).toHaveLength(4);
    expect(calls).toEqual({ get: 1, project: 1, boundariesAround: 4, latestInFeed: 4, inFeedPage: 4 });
    expect(objects.hashes.calls.getMany).toBeLessThanOrEqual(2);
    // Only the month's last page (a later page: not the month URL) of the site feed was re-rendered.
    const pages = new Set(report.written.filter((k) => k.startsWith('feeds/archive/')).map((k) => k.slice(0, k.lastIndexOf('/'))));
    expect([...pages]).toEqual([expect.stringMatching(/^feeds\/archive\/2017-09\/20170902T/)]);
    await expectRebuildEqual(store, objects);
  });

  it('re-renders only the page of an edited older item, linked as a rebuild links it', async () => {
    // Prepare: item 12 is on September's third page.
    const { service, store, stored, calls, objects, publisher } = await busyMonth();
    const before = stored[12]!;
    const after = await service.update(before.id, { ...msp7En, title: 'Item 12, corrected' }, `"v${before.version}"`, EDITOR);
    // Act
    const report = await publisher.publishChanges([{ before, after }]);
    // Assess: one page per feed; the feed's last boundary is read, as nothing past the key showed it.
    const pages = new Set(report.written.filter((k) => k.startsWith('feeds/archive/')).map((k) => k.slice(0, k.lastIndexOf('/'))));
    expect(pages.size).toBe(1);
    expect(calls.pageBoundaries).toBeUndefined();
    expect(calls.boundariesAround).toBe(4);
    expect(calls.lastPageBoundary).toBe(4);
    await expectRebuildEqual(store, objects);
  });
});
