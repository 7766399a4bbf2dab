import { expect, it } from '@jest/globals';
import { Feed } from 'feed';
import { feedContext } from '../../shared/render/feed-context';
import { coalitionFeeds, SITE } from './support/coalition';
import { jsonFeedErrors } from './support/json-schema';
import { oracleFeed } from './support/oracle-feed';
import { describeWith, feedparserAll, jingErrors, writeTemp } from './support/tools';

/**
 * Why Herald writes its own XML, measured: what `feed` (6.0.0) makes of the
 * coalition's site feed, read back with python3-feedparser and the schemas.
 * The README's sentences rest on these; if `feed` fixes one, this fails and
 * the README must change with it.
 */
const { items, byKey } = await coalitionFeeds();
const ctx = feedContext(SITE, 'site');
const site = items.get('site')!;
const oracle = oracleFeed(ctx, site);
type Entry = { id: string; title: string; summary: string; links: { rel: string; href: string; length?: string }[] };

function parsed(body: string): Entry[] {
  const { paths } = writeTemp([{ key: 'oracle/feed.xml', body }]);
  return feedparserAll<{ entries: Entry[] }>(paths)[paths[0]!]!.entries;
}
const entryOf = (entries: Entry[], key: string) => entries.find((e) => e.id === `urn:uuid:${byKey[key]!.id}`)!;

describeWith('feedparser', 'the feed package on the coalition corpus (measured defects)', () => {
  it('loses text with markup characters: Atom titles and both formats\' summaries are read as HTML', () => {
    const [rss, atom] = [parsed(oracle.rss), parsed(oracle.atom)];
    expect(byKey.geneva!.title).toContain('<Geneva>');
    expect(entryOf(atom, 'geneva').title).toBe('What happens in  next week & why "7MSP" matters');
    expect(entryOf(rss, 'geneva').summary).toBe('Updated: a  guide to the week.');
    expect(entryOf(atom, 'geneva').summary).toBe('Updated: a  guide to the week.');
  });

  it('drops a document from RSS when the item has an image, and writes an enclosure without its required length', () => {
    const rss = parsed(oracle.rss);
    const enclosures = (key: string) => entryOf(rss, key).links.filter((l) => l.rel === 'enclosure');
    expect(byKey.kampala!.attachments.map((f) => f.url)).toContain('https://www.example.org/docs/kampala-report-es.pdf');
    expect(enclosures('kampala').map((l) => l.href)).toEqual(['https://www.example.org/img/kampala.png']);
    expect(enclosures('rakitje').map((l) => l.length ?? null)).toEqual([null]);
    expect(oracle.rss).toMatch(/<enclosure [^>]*title="/); // not an RSS 2.0 attribute
  });

  it('writes JSON Feed 1.0 without language, attachments or hubs, and only the first author', () => {
    const doc = JSON.parse(oracle.json) as Record<string, unknown> & { items: Record<string, unknown>[] };
    expect(doc.version).toBe('https://jsonfeed.org/version/1');
    expect([doc.language, doc.hubs, doc.items.some((i) => 'attachments' in i || 'language' in i)]).toEqual([undefined, undefined, false]);
    const msp7 = doc.items.find((i) => i.id === `urn:uuid:${byKey.msp7!.id}`)!;
    expect([byKey.msp7!.authors.length, msp7.author, msp7.authors]).toEqual([2, { name: 'CMC Press Office', url: 'https://www.example.org/press' }, undefined]);
    expect(jsonFeedErrors(oracle.json).length).toBeGreaterThan(0);
  });

  it('throws a TypeError writing JSON for an item with an empty author list, and takes one hub at most', () => {
    const feed = new Feed({ title: ctx.title, id: ctx.urls.atom, link: ctx.urls.home });
    feed.addItem({ title: 'No author', id: 'urn:uuid:0', link: ctx.urls.home, date: new Date(0), author: [] });
    expect(() => feed.json1()).toThrow(TypeError);
    expect(SITE.hubs).toHaveLength(2);
    expect(oracle.rss.match(/rel="hub"/g)).toHaveLength(1);
  });
});

describeWith('jing', 'the feed package\'s Atom (jing)', () => {
  it('is valid against the RFC 4287 schema: its defects are in content, not syntax', () => {
    expect(jingErrors(writeTemp([{ key: 'oracle/atom.xml', body: oracle.atom }]).paths)).toEqual([]);
  });
});

