import { describe, expect, it } from '@jest/globals';
import type { Announcement } from '../../../shared/domain/announcement';
import { HOME_KEY, PAGE_CACHE_CONTROL, pageKeyOf } from '../../../shared/render/page';
import { makePublisherService } from '../../../shared/services/publisher-service';
import { InMemoryObjectStore, noHubs, sha256 } from '../../support/fakes';
import { EDITOR, SITE, bangkokSeminar, draftStatement, msp7En, msp7Fr, serviceWithFakes } from '../../support/fixtures';

const FILES = ['rss.xml', 'atom.xml', 'feed.json', 'events.ics'];
const keysUnder = (...prefixes: string[]) => prefixes.flatMap((p) => FILES.map((f) => `${p}${f}`)).sort();
/** A feed's current files and its RFC 5005 archive of September 2017, the month every fixture is published in. */
const withArchiveUnder = (...prefixes: string[]) => keysUnder(...prefixes, ...prefixes.map((p) => `${p}archive/2017-09/`));
/** The feed formats proper, without the calendar (which only changes with items that carry events). */
const feedKeysUnder = (...prefixes: string[]) => keysUnder(...prefixes).filter((k) => !k.endsWith('events.ics'));
/** Written once when the set of feeds changes: the OPML index and the feeds' XSL stylesheet. */
const SHARED = ['feeds/feed.xsl', 'feeds/index.opml'];
const withShared = (keys: string[]) => [...keys, ...SHARED].sort();
/** What a publish of the site feed also writes: the home page, and each changed item's page. */
const withPages = (keys: string[], ...items: Announcement[]) => [...keys, HOME_KEY, ...items.map(pageKeyOf)].sort();

function setup() {
  const { service, store, clock } = serviceWithFakes('2017-09-01T08:00:00.000Z');
  const objects = new InMemoryObjectStore();
  const publisher = makePublisherService({ index: store, registry: store, objects, hashes: objects.hashes, site: SITE, pageSize: 50, notifyHubs: noHubs });
  return { service, store, clock, objects, publisher };
}

const mentions = (objects: InMemoryObjectStore, key: string, a: Announcement) => objects.bodyOf(key).includes(a.id);

describe('PublisherService: which feeds', () => {
  it('publishes exactly the feeds the new announcement is in', async () => {
    // Prepare
    const { service, objects, publisher } = setup();
    const after = await service.create(msp7En, EDITOR);
    // Act
    const report = await publisher.publishChanges([{ after }]);
    // Assess
    expect(report.feeds).toEqual(['lang:en', 'site', 'tag:7msp', 'tag:msp']);
    const expected = withPages(withShared(withArchiveUnder('feeds/', 'feeds/en/', 'feeds/tags/7msp/', 'feeds/tags/msp/')), after);
    expect(objects.puts.map((p) => p.key).sort()).toEqual(expected);
    expect(report.written).toEqual(expected);
  });

  it('re-renders the old and the new tag feeds when a tag moves, and the item leaves the old one', async () => {
    // Prepare
    const { service, objects, publisher } = setup();
    const before = await service.create({ ...bangkokSeminar, tags: ['msp'] }, EDITOR);
    await publisher.publishChanges([{ after: before }]);
    const after = await service.update(before.id, { ...bangkokSeminar, tags: ['seminar'] }, '"v1"', EDITOR);
    // Act
    const report = await publisher.publishChanges([{ before, after }]);
    // Assess
    expect(report.feeds).toEqual(['lang:en', 'site', 'tag:msp', 'tag:seminar']);
    expect(mentions(objects, 'feeds/tags/msp/rss.xml', after)).toBe(false);
    expect(mentions(objects, 'feeds/tags/seminar/rss.xml', after)).toBe(true);
  });

  it('re-renders the old and the new feeds when both the language and the tags move', async () => {
    // Prepare
    const { service, publisher } = setup();
    const before = await service.create({ ...bangkokSeminar, language: 'en', tags: ['msp', 'seminar'] }, EDITOR);
    await publisher.publishChanges([{ after: before }]);
    const after = await service.update(before.id, { ...bangkokSeminar, language: 'fr', tags: ['seminar', 'asia'] }, '"v1"', EDITOR);
    // Act
    const report = await publisher.publishChanges([{ before, after }]);
    // Assess
    expect(report.feeds).toEqual(['lang:en', 'lang:fr', 'site', 'tag:asia', 'tag:msp', 'tag:seminar']);
  });

  it('publishes nothing for a change to a draft', async () => {
    const { service, objects, publisher } = setup();
    const draft = await service.create(draftStatement, EDITOR);
    const report = await publisher.publishChanges([{ after: draft }]);
    expect(report).toEqual({ feeds: [], written: [], unchanged: [], deleted: [], pinged: [] });
    expect(objects.calls).toEqual({ sha256Of: 0, put: 0, delete: 0 });
  });

  it('never shows a draft in a feed that is re-rendered for another item', async () => {
    // Prepare: the draft shares the msp tag and the en language with a published item.
    const { service, objects, publisher } = setup();
    const draft = await service.create(draftStatement, EDITOR);
    const after = await service.create(msp7En, EDITOR);
    // Act
    await publisher.publishChanges([{ after }]);
    // Assess
    for (const put of objects.puts) {
      expect(put.body).not.toContain(draft.id);
      expect(put.body).not.toContain(draft.title);
    }
    expect(mentions(objects, 'feeds/tags/msp/feed.json', after)).toBe(true);
  });

  it('takes a retracted item out of every feed it was in', async () => {
    const { service, objects, publisher } = setup();
    const before = await service.create(msp7En, EDITOR);
    await publisher.publishChanges([{ after: before }]);
    const after = await service.retract(before.id, '"v1"', EDITOR);
    const report = await publisher.publishChanges([{ before, after }]);
    // Every feed, its archive of the month and the home page are rewritten without it (it
    // has no event, so the calendars stay as they were); its own page is deleted.
    const feeds = ['feeds/', 'feeds/en/', 'feeds/tags/7msp/', 'feeds/tags/msp/'];
    expect(report.written).toEqual([...feedKeysUnder(...feeds, ...feeds.map((p) => `${p}archive/2017-09/`)), HOME_KEY].sort());
    expect(report.deleted).toEqual([pageKeyOf(before)]);
    for (const key of report.written) expect(mentions(objects, key, before)).toBe(false);
  });
});

describe('PublisherService: what it writes', () => {
  it('writes nothing the second time the same change is published', async () => {
    // Prepare
    const { service, objects, publisher } = setup();
    const after = await service.create(msp7En, EDITOR);
    await publisher.publishChanges([{ after }]);
    const putsBefore = objects.calls.put;
    // Act
    const again = await publisher.publishChanges([{ after }]);
    // Assess
    // 4 feeds x 4 files, each again in its archive of the month, the OPML index, the
    // stylesheet, the home page and the item's page.
    expect(putsBefore).toBe(36);
    expect(objects.calls.put).toBe(putsBefore);
    expect(again.written).toEqual([]);
    // The OPML index and stylesheet are only rewritten when the set of feeds changes.
    expect(again.unchanged).toHaveLength(34);
  });

  it('sets the content type with charset, the cache policy and the sha256 of the body', async () => {
    const { service, objects, publisher } = setup();
    await publisher.publishChanges([{ after: await service.create(msp7En, EDITOR) }]);
    const types: Record<string, string> = {
      'rss.xml': 'application/rss+xml; charset=utf-8',
      'atom.xml': 'application/atom+xml; charset=utf-8',
      'feed.json': 'application/feed+json; charset=utf-8',
      'index.opml': 'text/x-opml; charset=utf-8',
      'feed.xsl': 'text/xsl; charset=utf-8',
      'events.ics': 'text/calendar; charset=utf-8',
      'index.html': 'text/html; charset=utf-8',
    };
    expect(objects.puts).toHaveLength(36);
    for (const put of objects.puts) {
      const name = put.key.slice(put.key.lastIndexOf('/') + 1);
      const page = name === 'index.html';
      expect(put.options).toEqual({
        contentType: types[name],
        cacheControl: page ? PAGE_CACHE_CONTROL : 'public, max-age=60, must-revalidate',
        // The stored hash covers the headers too, so a changed Cache-Control is rewritten.
        sha256: sha256(`${types[name]}\n${page ? PAGE_CACHE_CONTROL : 'public, max-age=60, must-revalidate'}\n${sha256(put.body)}`),
        // The body's own sha256, which signs the PUT instead of a second hashing in the SDK.
        bodySha256: sha256(put.body),
      });
    }
  });

  it('rewrites only the feeds whose bytes changed', async () => {
    // Prepare: a second item whose own publish was lost, so only a rebuild brings it out.
    const { service, objects, publisher, clock } = setup();
    const a = await service.create(msp7En, EDITOR);
    await publisher.publishChanges([{ after: a }]);
    clock.set('2017-09-02T08:00:00.000Z');
    const b = await service.create(bangkokSeminar, EDITOR);
    // Act
    const report = await publisher.rebuildAll();
    // Assess: the new item is only in the site and English feeds of the registered ones (and
    // so on the home page, with its own page); the msp feeds are as they were, and neither item
    // has an event, so every calendar is unchanged too.
    const changed = ['feeds/', 'feeds/en/'];
    const calendars = withArchiveUnder(...changed).filter((k) => k.endsWith('events.ics'));
    expect(report).toEqual({
      feeds: ['lang:en', 'site', 'tag:7msp', 'tag:msp'],
      written: [...feedKeysUnder(...changed, ...changed.map((p) => `${p}archive/2017-09/`)), HOME_KEY, pageKeyOf(b)].sort(),
      unchanged: [...withShared(withArchiveUnder('feeds/tags/7msp/', 'feeds/tags/msp/')), ...calendars, pageKeyOf(a)].sort(),
      deleted: [],
      pinged: feedKeysUnder(...changed).map((k) => `${SITE.siteUrl}/${k}`),
    });
    expect(mentions(objects, 'feeds/rss.xml', a)).toBe(true);
  });
});

describe('PublisherService: WebSub topics', () => {
  it("pings every changed current feed document, a tag called 'archive' included, but no calendar or page", async () => {
    const { service, publisher } = setup();
    const after = await service.create({ ...msp7En, tags: ['archive'] }, EDITOR);
    const report = await publisher.publishChanges([{ after }]);
    expect(report.pinged).toEqual(
      feedKeysUnder('feeds/', 'feeds/en/', 'feeds/tags/archive/').map((k) => `${SITE.siteUrl}/${k}`),
    );
  });
});

describe('PublisherService.rebuildAll', () => {
  it('renders the site feed even when nothing was ever published', async () => {
    const { objects, publisher } = setup();
    const report = await publisher.rebuildAll();
    expect(report.feeds).toEqual(['site']);
    expect(objects.puts.map((p) => p.key).sort()).toEqual([...withShared(keysUnder('feeds/')), HOME_KEY].sort());
  });

  it('re-renders every feed ever published, emptying one whose only item was retracted', async () => {
    // Prepare: the retraction's own publish is lost (no publishChanges call after it).
    const { service, objects, publisher } = setup();
    const a = await service.create(msp7En, EDITOR);
    await publisher.publishChanges([{ after: a }]);
    await service.retract(a.id, '"v1"', EDITOR);
    // Act
    const report = await publisher.rebuildAll();
    // Assess
    expect(report.feeds).toEqual(['lang:en', 'site', 'tag:7msp', 'tag:msp']);
    // 4 feeds x 3 formats, each again in its archive of the month the item was in (which a
    // rebuild's walk of the months with items no longer reaches), and the home page, all
    // without the retracted item (it had no event, so the calendars were already right).
    const feeds = ['feeds/', 'feeds/en/', 'feeds/tags/7msp/', 'feeds/tags/msp/'];
    expect(report.written).toEqual([...feedKeysUnder(...feeds, ...feeds.map((p) => `${p}archive/2017-09/`)), HOME_KEY].sort());
    for (const key of report.written) expect(mentions(objects, key, a)).toBe(false);
    // The same bytes the retraction's own publish writes, had it not been lost.
    const kept = setup();
    const b = await kept.service.create(msp7En, EDITOR);
    await kept.publisher.publishChanges([{ after: b }]);
    await kept.publisher.publishChanges([{ before: b, after: await kept.service.retract(b.id, '"v1"', EDITOR) }]);
    for (const key of report.written) expect(objects.bodyOf(key)).toBe(kept.objects.bodyOf(key));
  });
});

describe('PublisherService: translation links under the link policy', () => {
  it('links a translation at its canonical URL on a listed host, and at its page when the host is not listed', async () => {
    // Prepare: the English original lives on the organisation's other site (listed), one translation names an unlisted host.
    const { service, objects, publisher } = setup();
    const en = await service.create({ ...msp7En, canonicalUrl: 'https://www.example.org/msp7' }, EDITOR);
    const fr = await service.create({ ...msp7Fr, translationOf: en.id, canonicalUrl: 'https://elsewhere.example.com/msp7-fr' }, EDITOR);
    // Act
    await publisher.publishChanges([{ after: en }, { after: fr }]);
    // Assess: the French page names the listed canonical URL; the English page ignores the unlisted one.
    expect(objects.bodyOf(pageKeyOf(fr))).toContain('hreflang="en" href="https://www.example.org/msp7"');
    expect(objects.bodyOf(pageKeyOf(en))).toContain(`hreflang="fr" href="${SITE.siteUrl}/${pageKeyOf(fr).replace('index.html', '')}"`);
    expect(objects.bodyOf(pageKeyOf(en))).not.toContain('elsewhere.example.com');
  });
});
