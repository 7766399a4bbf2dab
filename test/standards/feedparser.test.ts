import { expect, it } from '@jest/globals';
import type { Announcement } from '../../shared/domain/announcement';
import { feedContext, permalinkOf } from '../../shared/render/feed-context';
import { coalitionFeeds, SITE } from './support/coalition';
import { describeWith, feedparser, writeTemp, type ParsedEntry, type ParsedFeed } from './support/tools';

/**
 * python3-feedparser (Debian) reads every RSS and Atom feed the way a
 * Python reader or bot would: no bozo flag, and what it sees equals what the
 * editors posted. (Debian's feedparser 6.0 has no JSON Feed support; the
 * JSON feeds are checked by their schema and by content.test.ts.)
 */
const { files, byKey, items } = await coalitionFeeds();
const xmlFiles = files.filter((f) => f.key.endsWith('.xml'));
const byId = new Map(Object.values(byKey).map((a) => [`urn:uuid:${a.id}`, a]));
const scheme = `${SITE.siteUrl}/feeds/tags/`;
const iso = (t: string) => new Date(t).toISOString().replace('.000Z', 'Z');
const imageTypes: Record<string, string> = { png: 'image/png', jpeg: 'image/jpeg', webp: 'image/webp' };
const typeOf = (i: { url: string; type?: string }) => i.type ?? imageTypes[i.url.split('.').pop() ?? '']!;

function keyOf(fileKey: string): string {
  const m = /^feeds\/(?:tags\/([^/]+)\/|([a-z]{2})\/)?/.exec(fileKey)!;
  return m[1] ? `tag:${m[1]}` : m[2] ? `lang:${m[2]}` : 'site';
}

let parsed: Record<string, ParsedFeed>;
let pathOf: Map<string, string>;

describeWith('feedparser', 'python3-feedparser reads every RSS and Atom feed as posted', () => {
  it('parses every feed without the bozo flag, as the right format', () => {
    const { paths } = writeTemp(xmlFiles);
    pathOf = new Map(xmlFiles.map((f, i) => [f.key, paths[i]!]));
    parsed = feedparser(paths);
    for (const f of xmlFiles) {
      const p = parsed[pathOf.get(f.key)!]!;
      expect({ key: f.key, bozo: p.bozo, why: p.bozo_exception }).toEqual({ key: f.key, bozo: 0, why: '' });
      expect(p.version).toBe(f.key.endsWith('rss.xml') ? 'rss20' : 'atom10');
    }
  });

  it('sees each feed title, language, self link and every hub', () => {
    for (const f of xmlFiles) {
      const ctx = feedContext(SITE, keyOf(f.key));
      const p = parsed[pathOf.get(f.key)!]!;
      expect(p.feed.title).toBe(ctx.title);
      expect(p.feed.language).toBe(ctx.language);
      const self = f.key.endsWith('rss.xml') ? ctx.urls.rss : ctx.urls.atom;
      expect(p.feed.links).toEqual(
        expect.arrayContaining([{ rel: 'self', href: self }, ...SITE.hubs.map((href) => ({ rel: 'hub', href }))]),
      );
    }
  });

  it('sees every item, newest first, with its id, title, link, dates, tags and authors', () => {
    for (const f of xmlFiles) {
      const p = parsed[pathOf.get(f.key)!]!;
      const expected = items.get(keyOf(f.key))!;
      expect(p.entries.map((e) => e.id)).toEqual(expected.map((a) => `urn:uuid:${a.id}`));
      for (const e of p.entries) {
        const a = byId.get(e.id!)!;
        expect(e.title).toBe(a.title);
        expect(e.title_type).toBe('text/plain');
        expect(e.link).toBe(permalinkOf(SITE, a));
        expect(e.published).toBe(iso(a.publishedAt!));
        // RSS has no modified date; Atom's updated moves on edit.
        if (f.key.endsWith('atom.xml')) expect(e.updated).toBe(iso(a.updatedAt));
        expect(e.tags).toEqual(a.tags.map((term) => ({ term, scheme })));
        expect(e.authors).toEqual(a.authors.map((p) => p.name));
        // RSS description is HTML (the summary escaped once); Atom's summary is type="text".
        const html = a.summary.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
        expect(e.summary).toBe(f.key.endsWith('rss.xml') ? html : a.summary);
        // feedparser re-serialises HTML (attribute order), so compare the text of the body.
        const text = (html: string) => html.replace(/<[^>]*>/g, '');
        expect(e.content.map(text)).toEqual([text(a.bodyHtml)]);
      }
    }
  });

  it('sees the enclosures: RSS one with a true length, Atom every document and image with type and length', () => {
    for (const f of xmlFiles) {
      for (const e of parsed[pathOf.get(f.key)!]!.entries) {
        expect(e.enclosures).toEqual(f.key.endsWith('rss.xml') ? rssEnclosures(byId.get(e.id!)!) : atomEnclosures(byId.get(e.id!)!));
      }
    }
  });

  it('sees every image and document as Media RSS content with its real type, and every photo credit', () => {
    for (const f of xmlFiles) {
      for (const e of parsed[pathOf.get(f.key)!]!.entries) {
        const a = byId.get(e.id!)!;
        const images = a.images.map((i) => ({ url: i.url, type: typeOf(i), medium: 'image' }));
        const docs = f.key.endsWith('rss.xml') ? a.attachments.map((d) => ({ url: d.url, type: d.type, medium: 'document' })) : [];
        expect(e.media_content.map(({ url, type, medium }) => ({ url, type, medium }))).toEqual([...images, ...docs]);
        expect(e.media_content.every((m) => m.type !== 'image/jpg' && m.filesize !== '0')).toBe(true);
        expect(e.media_credit).toEqual(a.images.flatMap((i) => (i.credit ? [i.credit] : [])));
      }
    }
  });

  it('reads each image size from Media RSS: fileSize, width and height as stored (the media facts)', () => {
    const known = (n: number | undefined) => (n === undefined ? undefined : String(n));
    for (const f of xmlFiles) {
      for (const e of parsed[pathOf.get(f.key)!]!.entries) {
        const a = byId.get(e.id!)!;
        const seen = e.media_content.filter((m) => m.medium === 'image').map(({ url, filesize, width, height }) => ({ url, filesize, width, height }));
        expect(seen).toEqual(a.images.map((i) => ({ url: i.url, filesize: known(i.length), width: known(i.width), height: known(i.height) })));
      }
    }
    expect(items.get('site')!.some((a) => a.images.some((i) => i.width && i.length))).toBe(true);
  });
});

/** RSS allows one enclosure: the first document with a known length, else the first such image. */
function rssEnclosures(a: Announcement): ParsedEntry['enclosures'] {
  const doc = a.attachments.find((d) => d.length);
  if (doc) return [{ href: doc.url, type: doc.type, length: String(doc.length) }];
  const image = a.images.find((i) => i.length);
  return image ? [{ href: image.url, type: typeOf(image), length: String(image.length) }] : [];
}

function atomEnclosures(a: Announcement): ParsedEntry['enclosures'] {
  return [
    ...a.attachments.map((d) => ({ href: d.url, type: d.type, ...(d.length ? { length: String(d.length) } : {}) })),
    ...a.images.map((i) => ({ href: i.url, type: typeOf(i), ...(i.length ? { length: String(i.length) } : {}) })),
  ];
}
