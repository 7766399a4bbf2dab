import { expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import fc from 'fast-check';
import type { Announcement } from '../../shared/domain/announcement';
import { xmlSafe } from '../../shared/domain/text';
import { renderAtom } from '../../shared/render/atom';
import { feedContext } from '../../shared/render/feed-context';
import { renderJsonFeed } from '../../shared/render/json-feed';
import { renderRss } from '../../shared/render/rss';
import { syndicated } from '../../shared/render/syndicated';
import { jsonFeedErrors } from './support/json-schema';
import { isCi } from './support/tool-gate';
import { describeWith, HERE, TOOLS, toolPresent, writeTemp, xmllintErrors } from './support/tools';

/**
 * Any text an editor (or a bug upstream) can put in any field: the renderers
 * must produce XML that a strict parser accepts and that gives the text back,
 * less only the characters XML 1.0 cannot carry; JSON Feed must pass its schema.
 * The renderers are fed directly, bypassing the input schema's own cleaning.
 */
const nasty = fc.constantFrom(
  '&', '<', '>', ']]>', '"', "'", '&amp;', '<![CDATA[', '\u0000', '\u0001', '\u000b', '\u001f', '\r', '\r\n', '\t', '\n',
  '\uFFFE', '\uFFFF', '\u202E', '\u200F', 'שלום', 'مرحبا', '🇨🇭', '👩‍👩‍👧', '\u0085', '\u2028', ' ',
);
const loneSurrogate = fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c));
const unit = fc.oneof(nasty, loneSurrogate, fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }), fc.string({ minLength: 1, maxLength: 1 }));
const anyText = fc.string({ unit, maxLength: 40 });

const announcement = fc.record({
  title: anyText,
  summary: anyText,
  bodyHtml: anyText,
  author: anyText,
  tag: anyText,
  alt: anyText,
  caption: anyText,
  credit: anyText,
  docTitle: anyText,
  siteTitle: anyText,
  siteDescription: anyText,
});
type Fields = typeof announcement extends fc.Arbitrary<infer T> ? T : never;
type Parsed = Record<string, (string | null)[]>;

function build(f: Fields): Announcement {
  return {
    id: '0b4a9c3e-1d2f-4a5b-8c7d-000000000001',
    slug: 'x',
    title: f.title,
    summary: f.summary,
    body: '',
    bodyHtml: f.bodyHtml,
    language: 'en',
    tags: [f.tag],
    authors: [{ name: f.author }],
    images: [{ url: 'https://www.example.org/img/a.jpg?x=1&y=2', alt: f.alt, caption: f.caption, credit: f.credit }],
    attachments: [{ url: 'https://www.example.org/a.pdf', title: f.docTitle, type: 'application/pdf' }],
    canonicalUrl: 'https://www.example.org/news?id=1&lang=en',
    status: 'published',
    createdAt: '2017-09-04T08:00:00.000Z',
    updatedAt: '2017-09-04T08:00:00.000Z',
    publishedAt: '2017-09-04T08:00:00.000Z',
    version: 1,
    createdBy: 'e',
    updatedBy: 'e',
  };
}

const html = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
/** What a field reads back as: the text less XML-forbidden characters; an empty field may be left out. */
const back = (s: string) => (xmlSafe(s) === '' ? [] : [xmlSafe(s)]);
const orEmpty = (got: (string | null)[], want: string[]) => (want.length === 0 ? got.every((g) => g === '') : got.length === 1 && got[0] === want[0]);

describeWith('feedparser', 'any Unicode text in any field (fast-check; Python expat and xmllint as strict parsers)', () => {
  it('gives well-formed RSS and Atom that round-trip the text, and schema-valid JSON Feed', () => {
    const written: { key: string; body: string }[] = [];
    fc.assert(
      fc.property(announcement, (f) => {
        const ctx = feedContext(
          {
            siteUrl: 'https://news.example.org',
            siteTitle: f.siteTitle,
            siteDescription: f.siteDescription,
            hubs: ['https://hub.example.org/?a=1&b=2'],
            links: { allowHttp: false, canonicalHosts: ['www.example.org'] },
          },
          'site',
        );
        const items = [build(f)];
        // The body as syndicated: re-sanitised with its links made absolute (content/body-links.ts).
        const body = syndicated(ctx, items[0]!).bodyHtml;
        const rss = renderRss(ctx, items);
        const atom = renderAtom(ctx, items);
        const json = renderJsonFeed(ctx, items);
        written.push({ key: `${written.length}.rss.xml`, body: rss }, { key: `${written.length + 1}.atom.xml`, body: atom });

        const r = spawnSync(TOOLS.python, [join(HERE, 'xml-fields.py')], { input: JSON.stringify({ rss, atom }), encoding: 'utf8' });
        if (r.status !== 0) throw new Error(`strict parse failed: ${r.stderr}`);
        const got = JSON.parse(r.stdout) as { rss: Parsed; atom: Parsed };

        expect(got.rss.channel_title).toEqual([xmlSafe(f.siteTitle)]);
        expect(got.rss.channel_description).toEqual([xmlSafe(f.siteDescription)]);
        expect(got.rss.title).toEqual([xmlSafe(f.title)]);
        expect(orEmpty(got.rss.description!, back(f.summary).map(html))).toBe(true);
        expect(orEmpty(got.rss.content!, back(body))).toBe(true);
        expect(got.rss.creators).toEqual([xmlSafe(f.author)]);
        expect(got.rss.categories).toEqual([xmlSafe(f.tag)]);
        expect(got.rss.link).toEqual(['https://www.example.org/news?id=1&lang=en']);
        expect(orEmpty(got.rss.alt!, back(f.alt))).toBe(true);
        expect(got.rss.caption).toEqual([xmlSafe(f.caption)]);
        expect(got.rss.credit).toEqual([xmlSafe(f.credit)]);
        expect(got.rss.doc_title).toEqual([xmlSafe(f.docTitle)]);

        expect(got.atom.feed_title).toEqual([xmlSafe(f.siteTitle)]);
        expect(orEmpty(got.atom.feed_subtitle!, back(f.siteDescription))).toBe(true);
        expect(got.atom.title).toEqual([xmlSafe(f.title)]);
        expect(orEmpty(got.atom.summary!, back(f.summary))).toBe(true);
        expect(orEmpty(got.atom.content!, back(body))).toBe(true);
        expect(got.atom.authors).toEqual([xmlSafe(f.author)]);
        expect(got.atom.terms).toEqual([xmlSafe(f.tag)]);
        expect(got.atom.link).toEqual(['https://www.example.org/news?id=1&lang=en']);
        // The image's enclosure link has a title only when the alt text is not empty.
        expect(got.atom.enclosure_titles).toEqual([xmlSafe(f.docTitle), f.alt ? xmlSafe(f.alt) : null]);
        expect(orEmpty(got.atom.alt!, back(f.alt))).toBe(true);
        expect(got.atom.caption).toEqual([xmlSafe(f.caption)]);
        expect(got.atom.credit).toEqual([xmlSafe(f.credit)]);

        expect(jsonFeedErrors(json)).toEqual([]);
        const doc = JSON.parse(json) as { title: string; items: { title: string; summary?: string; tags: string[] }[] };
        expect(doc.title).toBe(xmlSafe(f.siteTitle));
        expect(doc.items[0]!.title).toBe(xmlSafe(f.title));
        expect(doc.items[0]!.tags).toEqual([xmlSafe(f.tag)]);
      }),
      { numRuns: 150 },
    );
    // A second strict parser over every document generated above.
    // Under CI xmllint must be there (tool-gate.ts); elsewhere its absence only drops this second parser.
    if (toolPresent('xmllint') || isCi(process.env)) expect(xmllintErrors(writeTemp(written).paths)).toBe('');
  }, 120_000);
});
