import { expect, it } from '@jest/globals';
import { feedContext } from '../../shared/render/feed-context';
import { coalitionFeeds, SITE } from './support/coalition';
import { oracleFeed } from './support/oracle-feed';
import { describeWith, feedparserAll, writeTemp } from './support/tools';

/**
 * `feed` as an oracle: for the coalition's site feed, every field `feed`
 * writes for the same items must also be in Herald's RSS, Atom and JSON
 * Feed. RSS and Atom are read back with python3-feedparser (every key it
 * reports, feed and entries); JSON Feed is compared as JSON, `feed`'s JSON
 * Feed 1.0 `author` read as 1.1's `authors`. Values are compared where both
 * must agree (ids, links, dates, titles, tags, authors, enclosures).
 */
type Parsed = { bozo: number; feed: Record<string, unknown>; entries: Record<string, unknown>[] };
const { files, items } = await coalitionFeeds();
const ctx = feedContext(SITE, 'site');
const oracle = oracleFeed(ctx, items.get('site')!);
const herald = (key: string) => files.find((f) => f.key === key)!.body;

const filled = (v: unknown) => !(v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0));
const keysOf = (o: Record<string, unknown>) => Object.keys(o).filter((k) => filled(o[k])).sort();
const missing = (theirs: Record<string, unknown>, ours: Record<string, unknown>) => keysOf(theirs).filter((k) => !filled(ours[k]));

function parse(theirs: string, ours: string): { theirs: Parsed; ours: Parsed } {
  const { paths } = writeTemp([
    { key: 'oracle/feed.xml', body: theirs },
    { key: 'herald/feed.xml', body: ours },
  ]);
  const out = feedparserAll<Parsed>(paths);
  return { theirs: out[paths[0]!]!, ours: out[paths[1]!]! };
}

type Entry = Record<string, unknown> & { id: string; links?: { rel: string; href: string }[]; media_content?: { url: string }[] };
const enclosures = (e: Entry) => (e.links ?? []).filter((l) => l.rel === 'enclosure').map((l) => l.href);
const files_ = (e: Entry) => [...enclosures(e), ...(e.media_content ?? []).map((m) => m.url)];
const same = ['id', 'link', 'published', 'updated'] as const;
/** Names and e-mail addresses of an entry's authors, as feedparser reads them. */
const people = (e: Entry) => ((e.authors ?? []) as { name?: string; email?: string }[]).flatMap((p) => [p.name, p.email].filter(filled));
const terms = (e: Entry) => ((e.tags ?? []) as { term: string }[]).map((t) => t.term).sort();

describeWith('feedparser', 'Herald against the feed package (differential, python3-feedparser)', () => {
  it.each([
    ['RSS 2.0', oracle.rss, herald('feeds/rss.xml')],
    ['Atom 1.0', oracle.atom, herald('feeds/atom.xml')],
  ])('%s carries every feed and entry field feed writes, with the same values', (_format, theirs, ours) => {
    const parsed = parse(theirs, ours);
    expect([parsed.theirs.bozo, parsed.ours.bozo]).toEqual([0, 0]);
    expect(missing(parsed.theirs.feed, parsed.ours.feed)).toEqual([]);
    const byId = new Map((parsed.ours.entries as Entry[]).map((e) => [e.id, e]));
    expect(parsed.theirs.entries.length).toBeGreaterThan(3);
    for (const t of parsed.theirs.entries as Entry[]) {
      const o = byId.get(t.id)!;
      expect([t.id, missing(t, o)]).toEqual([t.id, []]);
      for (const k of same) if (filled(t[k])) expect([t.id, k, o[k]]).toEqual([t.id, k, t[k]]);
      // feed's Atom titles are type="html", so "<Geneva>" is read as a tag: compare plain-text titles only.
      if ((t.title_detail as { type?: string } | undefined)?.type === 'text/plain') expect(o.title).toBe(t.title);
      expect(terms(o)).toEqual(terms(t));
      expect(people(o)).toEqual(expect.arrayContaining(people(t)));
      expect(files_(o)).toEqual(expect.arrayContaining(enclosures(t)));
    }
  });

  it('JSON Feed carries every field feed writes (compared as JSON)', () => {
    type Item = Record<string, unknown> & { id: string; author?: unknown; authors?: unknown[] };
    const as11 = ({ author, ...rest }: Item): Item => (author ? { ...rest, authors: [author] } : rest);
    const theirs = as11(JSON.parse(oracle.json) as Item);
    const ours = JSON.parse(herald('feeds/feed.json')) as Item & { items: Item[] };
    const { items: theirItems, ...theirTop } = theirs as Item & { items: Item[] };
    const { items: ourItems, ...ourTop } = ours;
    expect(missing(theirTop, ourTop)).toEqual([]);
    const byId = new Map(ourItems.map((i) => [i.id, i]));
    for (const t of theirItems.map(as11)) {
      const o = byId.get(t.id)!;
      expect([t.id, missing(t, o)]).toEqual([t.id, []]);
      for (const k of ['url', 'title', 'summary', 'image', 'date_published', 'date_modified', 'tags']) {
        if (filled(t[k])) expect([t.id, k, o[k]]).toEqual([t.id, k, t[k]]);
      }
      const names = (i: Item) => ((i.authors ?? []) as { name?: string; url?: string }[]).map((p) => [p.name, p.url]);
      expect(names(o)).toEqual(expect.arrayContaining(names(t)));
    }
  });
});
