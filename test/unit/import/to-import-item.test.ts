import { readFileSync } from 'node:fs';
import { parseSource } from '../../../cli/import/parse-source';
import { exportedItem, plainText, toImportItem } from '../../../cli/import/to-import-item';

const feed = parseSource(readFileSync(new URL('../../fixtures/import/coalition-rss2.xml', import.meta.url), 'utf8'));
const defaults = { tags: ['Old Site'], status: 'published' as const, oldOrigin: 'https://old.example.org' };

describe('a source item as an import item', () => {
  it('slugs categories into tags with the --tag defaults, keeps credits, and sends HTML as html', () => {
    const p = toImportItem(feed.items[2]!, feed, defaults);
    expect(p.item).toMatchObject({
      guid: 'https://old.example.org/?p=95&lang=es',
      tags: ['seminar', 'africa', 'old-site'],
      language: 'en-GB',
      images: [{ url: 'https://old.example.org/img/kampala.png', alt: 'Group photo in Kampala', caption: 'Group photo in Kampala', credit: '(c) Loren Persi/ICBL-CMC' }],
      publishedAt: '2017-05-31T12:00:00.000Z',
      status: 'published',
    });
  });

  it('a link on the old site becomes a redirect (no canonicalUrl); a link elsewhere the canonicalUrl', () => {
    expect(toImportItem(feed.items[0]!, feed, defaults).item).not.toHaveProperty('canonicalUrl');
    expect(toImportItem(feed.items[0]!, feed, { ...defaults, oldOrigin: 'https://other.example.org' }).item).toHaveProperty('canonicalUrl', 'https://old.example.org/news/7msp-opens/');
  });

  it('an item without an id takes its link; without either, a hash of title and date; without a date it is refused', () => {
    const base = { title: 'T', authors: [], categories: [], images: [], files: [], problems: [] };
    expect(toImportItem({ ...base, link: 'https://old.example.org/x', published: '2017-01-01T00:00:00.000Z' }, feed, defaults).guid).toBe('https://old.example.org/x');
    const hashed = toImportItem({ ...base, published: '2017-01-01T00:00:00.000Z' }, feed, defaults).guid;
    expect(hashed).toMatch(/^urn:sha256:[0-9a-f]{64}$/);
    expect(toImportItem({ ...base, published: '2017-01-01T00:00:00.000Z' }, feed, defaults).guid).toBe(hashed);
    expect(toImportItem({ ...base, guid: 'g' }, feed, defaults).errors).toEqual([{ path: 'published', message: 'the item has no date; without it, it would arrive as new' }]);
  });

  it('asks for --language when neither item nor feed names one', () => {
    const noLanguage = { ...feed, language: undefined };
    expect(toImportItem(feed.items[0]!, noLanguage, defaults).errors?.[0]?.path).toBe('language');
    expect(toImportItem(feed.items[0]!, noLanguage, { ...defaults, language: 'EN' }).item).toHaveProperty('language', 'en');
  });

  it('a Herald export line keeps its id through urn:uuid, its dates and Markdown body; a retracted one is not imported', () => {
    const a = { id: '0b6c8a3e-4a5b-4c8d-9e0f-112233445566', title: 'T', body: '**b**', bodyHtml: '<p><strong>b</strong></p>', version: 3, status: 'published', createdAt: '2017-01-01T00:00:00.000Z', updatedAt: '2017-01-02T00:00:00.000Z', publishedAt: '2017-01-01T00:00:00.000Z', createdBy: 'x', updatedBy: 'y' };
    expect(exportedItem(a).item).toEqual({ guid: `urn:uuid:${a.id}`, title: 'T', body: '**b**', status: 'published', createdAt: a.createdAt, updatedAt: a.updatedAt, publishedAt: a.publishedAt });
    expect(exportedItem({ ...a, status: 'retracted' }).errors).toEqual([{ path: 'status', message: 'retracted: not imported' }]);
  });

  it('plainText drops tags and keeps characters', () => {
    expect(plainText('<p>A &amp; B &lt;Geneva&gt;</p>\n<b>x</b>')).toBe('A & B <Geneva> x');
  });
});
