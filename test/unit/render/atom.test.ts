import { describe, expect, it } from '@jest/globals';
import type { Announcement } from '../../../shared/domain/announcement';
import { feedContext } from '../../../shared/render/feed-context';
import { renderAtom } from '../../../shared/render/atom';
import { EDITOR, SITE, bangkokSeminar, msp7En, msp7Es, msp7Fr, serviceWithFakes, stored, storeAll } from '../../support/fixtures';
import { HOSTILE, blocks, canonical, decodeEntities, leaves, startTagAttrs, xmlErrors } from './xml';

const site = feedContext(SITE, 'site');

async function fixtureItems(): Promise<Announcement[]> {
  const { store } = await storeAll([msp7En, msp7Fr, msp7Es, bangkokSeminar]);
  return store.latestInFeed('site', 50);
}

const hostile = (raw: string) =>
  stored({ ...msp7En, title: raw, summary: raw, body: raw, authors: [{ name: raw }], canonicalUrl: undefined });

describe('Atom 1.0 well-formedness', () => {
  it('is well-formed XML for the fixtures and for hostile strings in every text field', async () => {
    // Prepare
    const items = await fixtureItems();
    const hostiles = await Promise.all(HOSTILE.map((h) => hostile(h.raw)));
    // Act
    const docs = [
      renderAtom(site, items),
      renderAtom(feedContext(SITE, 'lang:fr'), items),
      renderAtom(feedContext(SITE, 'tag:msp'), items),
      ...hostiles.map((a) => renderAtom(site, [a])),
    ];
    // Assess
    expect(await xmlErrors(docs)).toEqual([]);
  });

  it.each(HOSTILE)('gives back the title and summary as text ($name)', async ({ raw, survives }) => {
    // Prepare
    const atom = renderAtom(site, [await hostile(raw)]);
    // Act: the elements are type="text"; leaves() has already undone the XML escaping.
    const entry = blocks(await canonical(atom), 'entry')[0] ?? '';
    const title = leaves(entry, 'title')[0];
    const summary = leaves(entry, 'summary')[0];
    // Assess
    expect(title?.attrs.type).toBe('text');
    expect(title?.text).toBe(survives);
    expect(summary?.attrs.type).toBe('text');
    expect(summary?.text).toBe(survives);
  });
});

describe('Atom 1.0 feed metadata', () => {
  it("sets xml:lang on the root: a per-language feed's own, the site language otherwise", async () => {
    const items = await fixtureItems();
    expect(startTagAttrs(await canonical(renderAtom(feedContext(SITE, 'lang:es'), items)), 'feed')['xml:lang']).toBe('es');
    expect(startTagAttrs(await canonical(renderAtom(site, items)), 'feed')['xml:lang']).toBe('en');
  });

  it("links to itself and to every hub, with '&' escaped in href", async () => {
    // Act
    const atom = renderAtom(feedContext(SITE, 'tag:seminar'), await fixtureItems());
    const links = leaves(await canonical(atom), 'link').map((l) => l.attrs);
    // Assess
    expect(links.filter((l) => l.rel === 'self').map((l) => l.href)).toEqual([
      'https://news.example.org/feeds/tags/seminar/atom.xml',
    ]);
    expect(links.filter((l) => l.rel === 'hub').map((l) => l.href)).toEqual(SITE.hubs);
    expect(atom).toContain('href="https://websub.example.net/hub?topic=cmc&amp;mode=push"');
  });

  it('renders two hubs when the first is written without a trailing slash', async () => {
    const ctx = feedContext({ ...SITE, hubs: ['https://pubsubhubbub.appspot.com', 'https://hub.example.net/'] }, 'site');
    const links = leaves(await canonical(renderAtom(ctx, await fixtureItems())), 'link').map((l) => l.attrs);
    expect(links.filter((l) => l.rel === 'hub')).toHaveLength(2);
  });
});

describe('Atom 1.0 entries', () => {
  it('gives every entry the id urn:uuid:<id> and links it to its canonical URL', async () => {
    // Prepare
    const a = await stored({ ...msp7En, canonicalUrl: 'https://www.example.org/news?id=7&lang=en' });
    // Act
    const entry = blocks(await canonical(renderAtom(site, [a])), 'entry')[0] ?? '';
    // Assess
    expect(leaves(entry, 'id')[0]?.text).toBe(`urn:uuid:${a.id}`);
    expect(leaves(entry, 'link')[0]?.attrs.href).toBe('https://www.example.org/news?id=7&lang=en');
  });

  it('keeps published while updated moves after an edit', async () => {
    // Prepare
    const { service, clock, store } = serviceWithFakes('2017-09-04T08:00:00.000Z');
    const created = await service.create(msp7En, EDITOR);
    clock.set('2017-09-06T17:30:00.000Z');
    await service.update(created.id, { ...msp7En, summary: 'The meeting closed.' }, '"v1"', EDITOR);
    // Act
    const entry = blocks(await canonical(renderAtom(site, await store.latestInFeed('site', 10))), 'entry')[0] ?? '';
    // Assess
    expect(leaves(entry, 'published')[0]?.text).toBe('2017-09-04T08:00:00.000Z');
    expect(leaves(entry, 'updated')[0]?.text).toBe('2017-09-06T17:30:00.000Z');
  });

  it('lists every author by name and every tag as a category', async () => {
    const entry = blocks(await canonical(renderAtom(site, [await stored(msp7En)])), 'entry')[0] ?? '';
    expect(leaves(blocks(entry, 'author')[0] ?? '', 'name').map((l) => l.text)).toEqual(['CMC Communications']);
    expect(leaves(entry, 'category').map((l) => l.attrs.term)).toEqual(['msp', '7msp']);
  });
});
