import { describe, expect, it } from '@jest/globals';
import type { Element } from 'domhandler';
import { parseDocument } from 'htmlparser2';
import { coalitionFeeds } from './support/coalition';

/**
 * The W3C feed validator's "content:encoded should not contain relative URL
 * references" check, and its Atom and JSON Feed equivalents, over every feed
 * and archive of the coalition corpus, whose Markdown bodies do carry
 * relative links and images: each body must reach readers with absolute
 * https (or mailto) URLs only.
 */
const { files, byKey } = await coalitionFeeds();

type Node = ReturnType<typeof parseDocument>['children'][number];

/** Every element of a parsed tree, depth first. */
function* elements(nodes: Node[]): Generator<Element> {
  for (const n of nodes) {
    if ('attribs' in n) yield n as Element;
    if ('children' in n) yield* elements(n.children as Node[]);
  }
}

/** The HTML bodies a feed file carries: RSS content:encoded, Atom content, JSON Feed content_html. */
function bodiesOf(file: { key: string; body: string }): string[] {
  if (file.key.endsWith('.json')) return (JSON.parse(file.body) as { items: { content_html?: string }[] }).items.flatMap((i) => i.content_html ?? []);
  const xml = parseDocument(file.body, { xmlMode: true, decodeEntities: true });
  return [...elements(xml.children)]
    .filter((e) => e.name === 'content:encoded' || (e.name === 'content' && e.attribs.type === 'html'))
    .map((e) => e.children.map((c) => ('data' in c ? String(c.data) : '')).join(''));
}

/** The href and src values of an HTML fragment. */
const urlsIn = (html: string) =>
  [...elements(parseDocument(html).children)].flatMap((e) => ['href', 'src'].flatMap((k) => (e.attribs[k] === undefined ? [] : [e.attribs[k]!])));

const FEEDS = files.filter((f) => /(rss\.xml|atom\.xml|feed\.json)$/.test(f.key));

describe('body URLs in every feed (W3C validator: no relative URL in content:encoded)', () => {
  it('starts from stored bodies that do hold relative links and images', () => {
    const relative = Object.values(byKey).flatMap((a) => urlsIn(a.bodyHtml)).filter((u) => !/^[a-z]+:/.test(u));
    expect(relative).toEqual(expect.arrayContaining(['../../docs/rakitje-programme.pdf', 'img/rakitje-map.png', 'informe.pdf']));
  });

  it.each(FEEDS.map((f) => [f.key, f] as const))('%s carries only absolute https or mailto URLs in its bodies', (_key, file) => {
    const bodies = bodiesOf(file);
    expect(bodies.length).toBeGreaterThan(0);
    expect(bodies.flatMap(urlsIn).filter((u) => !/^(https:\/\/|mailto:)/.test(u))).toEqual([]);
  });

  it('resolves them against the item page in the site feed', () => {
    const urls = bodiesOf(FEEDS.find((f) => f.key === 'feeds/rss.xml')!).flatMap(urlsIn);
    expect(urls).toEqual(
      expect.arrayContaining([
        'https://news.example.org/docs/rakitje-programme.pdf',
        expect.stringMatching(/^https:\/\/news\.example\.org\/news\/rakitje-croatia-seminar-[a-z0-9-]+\/img\/rakitje-map\.png$/),
        expect.stringMatching(/^https:\/\/news\.example\.org\/news\/seminario-regional-en-kampala-[a-z0-9-]+\/informe\.pdf$/),
      ]),
    );
  });
});
