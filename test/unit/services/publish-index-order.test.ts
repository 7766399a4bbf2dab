import { describe, expect, it } from '@jest/globals';
import type { PutOptions } from '../../../shared/ports/object-store';
import { HOME_KEY } from '../../../shared/render/page';
import { makePublisherService } from '../../../shared/services/publisher-service';
import { InMemoryObjectStore, noHubs } from '../../support/fakes';
import { EDITOR, SITE, msp7En, msp7Fr, serviceWithFakes } from '../../support/fixtures';

/** A bucket whose PUTs of one feed's files take a while: whatever does not wait for them lands first. */
class SlowFeedBucket extends InMemoryObjectStore {
  constructor(private readonly slow: string) {
    super();
  }
  override async put(key: string, body: string, options: PutOptions): Promise<void> {
    if (key.startsWith(this.slow)) await new Promise((resolve) => setTimeout(resolve, 30));
    return super.put(key, body, options);
  }
}

function withFakes(slow: string) {
  const { service, store } = serviceWithFakes('2017-09-01T08:00:00.000Z');
  const objects = new SlowFeedBucket(slow);
  const publisher = makePublisherService({ index: store, registry: store, objects, hashes: objects.hashes, site: SITE, pageSize: 50, notifyHubs: noHubs });
  return { service, objects, publisher };
}

const order = (objects: InMemoryObjectStore, key: string) => objects.puts.findIndex((p) => p.key === key);

describe('PublisherService: the home page and OPML beside or after the feeds', () => {
  it('writes the home page and OPML only after a new feed’s files, so neither links a file not there yet', async () => {
    // Prepare: the change brings the tag feed "seminar", whose PUTs are slow.
    const { service, objects, publisher } = withFakes('feeds/tags/seminar/');
    const a = await service.create({ ...msp7En, tags: ['seminar'] }, EDITOR);
    // Act
    await publisher.publishChanges([{ after: a }]);
    // Assess
    const feed = order(objects, 'feeds/tags/seminar/rss.xml');
    expect(feed).toBeGreaterThanOrEqual(0);
    expect(order(objects, HOME_KEY)).toBeGreaterThan(feed);
    expect(order(objects, 'feeds/index.opml')).toBeGreaterThan(feed);
    expect(objects.bodyOf(HOME_KEY)).toContain('feeds/tags/seminar/');
  });

  it('writes a change’s home page beside its feeds when every feed it names was already published', async () => {
    // Prepare: both feeds exist; the second change's tag feed PUTs are slow.
    const { service, objects, publisher } = withFakes('feeds/tags/seminar/');
    await publisher.publishChanges([{ after: await service.create({ ...msp7En, tags: ['seminar'] }, EDITOR) }]);
    const b = await service.create({ ...msp7En, title: 'A second seminar', tags: ['seminar'] }, EDITOR);
    const before = objects.puts.length;
    // Act
    await publisher.publishChanges([{ after: b }]);
    // Assess: the home page (with the new item and every feed) did not wait for the slow feed.
    const home = order(objects, HOME_KEY);
    const seminarRss = objects.puts.findLastIndex((p) => p.key === 'feeds/tags/seminar/rss.xml');
    expect(home).toBeGreaterThanOrEqual(0);
    expect(objects.puts.findLastIndex((p) => p.key === HOME_KEY)).toBeGreaterThanOrEqual(before);
    expect(objects.puts.findLastIndex((p) => p.key === HOME_KEY)).toBeLessThan(seminarRss);
    expect(objects.bodyOf(HOME_KEY)).toContain('A second seminar');
    expect(objects.bodyOf(HOME_KEY)).toContain('feeds/tags/seminar/');
  });
});

describe('PublisherService: entries remembered between changes', () => {
  it('renders an edited item afresh and an item whose translation appeared since with its new alternate', async () => {
    // Prepare: one publisher for every change, as npm start and a warm Lambda keep it.
    const { service, objects, publisher } = withFakes('none/');
    const en = await service.create(msp7En, EDITOR);
    await publisher.publishChanges([{ after: en }]);
    const edited = await service.update(en.id, { ...msp7En, title: 'Retitled seminar' }, '"v1"', EDITOR);
    // Act: an edit, then a translation published on its own.
    await publisher.publishChanges([{ before: en, after: edited }]);
    const titled = objects.bodyOf('feeds/rss.xml');
    const fr = await service.create({ ...msp7Fr, translationOf: en.id }, EDITOR);
    await publisher.publishChanges([{ after: fr }]);
    // Assess
    expect(titled).toContain('Retitled seminar');
    expect(titled).not.toContain(`<title>${msp7En.title}</title>`);
    expect(objects.bodyOf('feeds/atom.xml')).toMatch(/<link rel="alternate" type="text\/html" hreflang="fr"/);
  });
});

describe('PublisherService: the current documents before the archive pages', () => {
  it('hands each feed’s current documents to the bucket before its archive pages, which readers fetch far less', async () => {
    // Prepare: a feed with items already, so the change's archive page and current documents both re-render;
    // a feed's newest items (what its current documents show) come back after its archive page's items.
    const { service, store } = serviceWithFakes('2017-09-01T08:00:00.000Z');
    const objects = new InMemoryObjectStore();
    const index = Object.assign(Object.create(store) as typeof store, {
      latestInFeed: async (...args: Parameters<typeof store.latestInFeed>) => (await new Promise((r) => setTimeout(r, 20)), store.latestInFeed(...args)),
    });
    const publisher = makePublisherService({ index, registry: store, objects, hashes: objects.hashes, site: SITE, pageSize: 50, notifyHubs: noHubs });
    await publisher.publishChanges([{ after: await service.create({ ...msp7En, tags: ['seminar'] }, EDITOR) }]);
    const b = await service.create({ ...msp7En, title: 'A second seminar', tags: ['seminar'] }, EDITOR);
    const before = objects.puts.length;
    // Act
    await publisher.publishChanges([{ after: b }]);
    // Assess: in every feed the change is in, its first archive PUT comes after all of its current documents.
    const puts = objects.puts.slice(before).map((p) => p.key);
    for (const prefix of ['feeds/', 'feeds/en/', 'feeds/tags/seminar/']) {
      const current = ['rss.xml', 'atom.xml', 'feed.json'].map((name) => puts.indexOf(`${prefix}${name}`));
      const archive = puts.findIndex((k) => k.startsWith(`${prefix}archive/`));
      expect(current.every((i) => i >= 0)).toBe(true);
      expect(archive).toBeGreaterThan(Math.max(...current));
    }
  });
});
