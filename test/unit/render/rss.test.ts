import { describe, expect, it } from '@jest/globals';
import type { Announcement } from '../../../shared/domain/announcement';
import { feedContext } from '../../../shared/render/feed-context';
import { renderRss } from '../../../shared/render/rss';
import { SITE, bangkokSeminar, kampalaSeminar, msp7En, msp7Fr, stored, storeAll } from '../../support/fixtures';
import { HOSTILE, blocks, canonical, decodeEntities, leaves, xmlErrors } from './xml';

const site = feedContext(SITE, 'site');

async function fixtureItems(): Promise<Announcement[]> {
  const { store } = await storeAll([msp7En, msp7Fr, bangkokSeminar, kampalaSeminar]);
  return store.latestInFeed('site', 50);
}

const hostile = (raw: string) =>
  stored({ ...msp7En, title: raw, summary: raw, body: raw, authors: [{ name: raw }], canonicalUrl: undefined });

describe('RSS 2.0 well-formedness', () => {
  it('is well-formed XML for the coalition fixtures in every feed', async () => {
    // Prepare
    const items = await fixtureItems();
    const keys = ['site', 'lang:en', 'lang:fr', 'tag:msp', 'tag:seminar'];
    // Act
    const docs = keys.map((key) => renderRss(feedContext(SITE, key), items));
    // Assess
    expect(await xmlErrors(docs)).toEqual([]);
  });

  it('is well-formed XML with hostile strings in title, summary, body and author', async () => {
    const docs = await Promise.all(HOSTILE.map(async (h) => renderRss(site, [await hostile(h.raw)])));
    expect(await xmlErrors(docs)).toEqual([]);
  });

  it('keeps content:encoded well-formed when the Markdown body repeats "]]>" in text, code and attributes', async () => {
    const body = 'a ]]> b ]]> c\n\n`]]> ]]>`\n\n[x](https://a.org/ "]]> ]]>")\n\n<abbr title="]]>]]>">x</abbr>';
    const a = await stored({ ...msp7En, body });
    expect(a.bodyHtml).toContain(']]');
    expect(await xmlErrors([renderRss(site, [a])])).toEqual([]);
  });

  it('is well-formed XML when a title contains "]]>" twice', async () => {
    const rss = renderRss(site, [await hostile('a ]]> b ]]> c')]);
    expect(await xmlErrors([rss])).toEqual([]);
  });
});

describe('RSS 2.0 text round trip', () => {
  it.each(HOSTILE)('gives back the title and summary as text ($name)', async ({ raw, survives }) => {
    // Prepare
    const rss = renderRss(site, [await hostile(raw)]);
    // Act
    const item = blocks(await canonical(rss), 'item')[0] ?? '';
    // Assess: title is plain text; description is escaped HTML of the plain summary.
    expect(leaves(item, 'title')[0]?.text).toBe(survives);
    expect(decodeEntities(leaves(item, 'description')[0]?.text ?? '')).toBe(survives);
  });

  it.each(HOSTILE.filter((h) => h.name !== 'ampersands'))(
    'gives back an author name as dc:creator text ($name)',
    async ({ raw, survives }) => {
      const rss = renderRss(site, [await hostile(raw)]);
      expect(leaves(await canonical(rss), 'dc:creator').map((l) => l.text)).toEqual([survives]);
    },
  );

  it('gives back an author name containing a literal "&amp;"', async () => {
    const rss = renderRss(site, [await hostile('Smith &amp; Jones')]);
    expect(leaves(await canonical(rss), 'dc:creator')[0]?.text).toBe('Smith &amp; Jones');
  });
});

describe('RSS 2.0 links and ids', () => {
  it('escapes "&" in URLs written as attributes and as text', async () => {
    // Prepare
    const a = await stored({ ...msp7En, canonicalUrl: 'https://www.example.org/news?id=7&lang=en' });
    // Act
    const rss = renderRss(site, [a]);
    const c14n = await canonical(rss);
    // Assess: the raw bytes never carry a bare "&", and the parsed values are the real URLs.
    expect(rss).not.toMatch(/&(?!amp;|lt;|gt;|quot;|apos;|#)/);
    expect(leaves(blocks(c14n, 'item')[0] ?? '', 'link')[0]?.text).toBe('https://www.example.org/news?id=7&lang=en');
    expect(leaves(c14n, 'atom:link').map((l) => l.attrs.href)).toContain(SITE.hubs[1]);
  });

  it("has one atom:link rel=self with the feed's own URL and one rel=hub per hub", async () => {
    const c14n = await canonical(renderRss(feedContext(SITE, 'lang:fr'), await fixtureItems()));
    const links = leaves(c14n, 'atom:link').map((l) => l.attrs);
    expect(links.filter((l) => l.rel === 'self')).toEqual([
      { href: 'https://news.example.org/feeds/fr/rss.xml', rel: 'self', type: 'application/rss+xml' },
    ]);
    expect(links.filter((l) => l.rel === 'hub').map((l) => l.href)).toEqual(SITE.hubs);
  });

  it('declares the atom, dc and content namespaces on the root', async () => {
    const c14n = await canonical(renderRss(site, await fixtureItems()));
    expect(c14n).toMatch(/<rss [^>]*xmlns:atom="http:\/\/www\.w3\.org\/2005\/Atom"/);
    expect(c14n).toMatch(/<rss [^>]*xmlns:dc="http:\/\/purl\.org\/dc\/elements\/1\.1\/"/);
    expect(c14n).toMatch(/<rss [^>]*xmlns:content="http:\/\/purl\.org\/rss\/1\.0\/modules\/content\/"/);
  });

  it('writes guid isPermaLink="false" as urn:uuid:<id> for every item', async () => {
    const items = await fixtureItems();
    const guids = leaves(await canonical(renderRss(site, items)), 'guid');
    expect(guids).toEqual(items.map((a) => ({ attrs: { isPermaLink: 'false' }, text: `urn:uuid:${a.id}` })));
  });

  it('names each author once: the first with an e-mail in <author> ("email (name)"), the others in dc:creator', async () => {
    const a = await stored({
      ...msp7En,
      authors: [{ name: 'Loren Persi' }, { name: 'Jane Doe', email: 'jane@example.org' }, { name: 'Press', email: 'press@example.org' }],
    });
    const c14n = await canonical(renderRss(site, [a]));
    expect(leaves(c14n, 'dc:creator').map((l) => l.text)).toEqual(['Loren Persi', 'Press']);
    expect(leaves(c14n, 'author').map((l) => l.text)).toEqual(['jane@example.org (Jane Doe)']);
  });

  it("writes the channel language: a per-language feed's own, the site language otherwise", async () => {
    const items = await fixtureItems();
    expect(leaves(await canonical(renderRss(feedContext(SITE, 'lang:fr'), items)), 'language')).toEqual([
      { attrs: {}, text: 'fr' },
    ]);
    expect(leaves(await canonical(renderRss(site, items)), 'language')).toEqual([{ attrs: {}, text: 'en' }]);
  });
});
