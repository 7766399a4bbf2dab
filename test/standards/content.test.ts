import { describe, expect, it } from '@jest/globals';
import { coalitionFeeds, SITE } from './support/coalition';
import { describeWith, writeTemp, xmllintErrors } from './support/tools';

/**
 * What the standards and readers need beyond validity, checked on the
 * coalition content: the edit semantics of dates, the JSON Feed 1.1 fields,
 * and the mistakes other generators make (fake lengths, image/jpg).
 */
const { files, byKey } = await coalitionFeeds();
const body = (key: string) => files.find((f) => f.key === key)!.body;

type JsonItem = {
  id: string;
  title: string;
  url: string;
  image?: string;
  date_published: string;
  date_modified: string;
  tags?: string[];
  language: string;
  authors?: { name: string; url?: string }[];
  attachments?: { url: string; mime_type: string; title?: string; size_in_bytes?: number }[];
  _herald?: { images: { url: string; alt: string; caption?: string; credit?: string }[] };
};
type JsonFeed = { language: string; authors: { name: string }[]; hubs: { type: string; url: string }[]; items: JsonItem[] };

describeWith('xmllint', 'every RSS and Atom file (xmllint)', () => {
  it('is well-formed XML', () => {
    expect(xmllintErrors(writeTemp(files.filter((f) => f.key.endsWith('.xml'))).paths)).toBe('');
  });
});

describe('edits, ids and titles', () => {
  const edited = byKey.geneva!;

  it('moves Atom updated on edit and keeps published; RSS pubDate stays the first publication', () => {
    expect(edited.updatedAt > edited.publishedAt!).toBe(true);
    const entry = body('feeds/atom.xml').split('<entry').find((e) => e.includes(edited.id))!;
    expect(entry).toContain(`<updated>${edited.updatedAt}</updated>`);
    expect(entry).toContain(`<published>${edited.publishedAt}</published>`);
    const item = body('feeds/rss.xml').split('<item>').find((e) => e.includes(edited.id))!;
    expect(item).toContain(`<pubDate>${new Date(edited.publishedAt!).toUTCString()}</pubDate>`);
  });

  it('keeps a title with markup characters as text in Atom and RSS', () => {
    expect(body('feeds/atom.xml')).toContain(
      '<title type="text">What happens in &lt;Geneva&gt; next week &amp; why "7MSP" matters</title>',
    );
    expect(body('feeds/rss.xml')).toContain('<title>What happens in &lt;Geneva&gt; next week &amp; why "7MSP" matters</title>');
  });

  it('names every entry by a permanent urn:uuid id, the same in all three formats', () => {
    const ids = Object.values(byKey).map((a) => `urn:uuid:${a.id}`);
    for (const id of ids) {
      expect(body('feeds/rss.xml')).toContain(`<guid isPermaLink="false">${id}</guid>`);
      expect(body('feeds/atom.xml')).toContain(`<id>${id}</id>`);
    }
    expect((JSON.parse(body('feeds/feed.json')) as JsonFeed).items.map((i) => i.id).sort()).toEqual(ids.sort());
  });
});

describe('what other generators get wrong', () => {
  it('never writes a zero length, a zero file size or image/jpg', () => {
    for (const f of files) {
      expect(f.body).not.toMatch(/length="0"|fileSize="0"|"size_in_bytes": 0\b/);
      expect(f.body).not.toContain('image/jpg"');
    }
  });

  it('escapes & in every attribute (hub and attachment URLs)', () => {
    expect(body('feeds/rss.xml')).toContain('href="https://websub.example.net/hub?topic=cmc&amp;format=all"');
    expect(body('feeds/atom.xml')).toContain('href="https://www.example.org/docs/ccm-brochure.pdf?lang=en&amp;v=2"');
  });
});

describe('JSON Feed 1.1 content', () => {
  const site = JSON.parse(body('feeds/feed.json')) as JsonFeed;
  const fr = JSON.parse(body('feeds/fr/feed.json')) as JsonFeed;
  const item = (a: { id: string }) => site.items.find((i) => i.id === `urn:uuid:${a.id}`)!;

  it('carries authors, language and every hub at the feed level', () => {
    expect(site.authors).toEqual([{ name: SITE.siteTitle, url: `${SITE.siteUrl}/` }]);
    expect([site.language, fr.language]).toEqual(['en', 'fr']);
    expect(site.hubs).toEqual(SITE.hubs.map((url) => ({ type: 'WebSub', url })));
  });

  it('carries documents and images as attachments with MIME type and size, and the first image', () => {
    const msp7 = item(byKey.msp7!);
    expect(msp7.image).toBe('https://www.example.org/img/7msp-logo.png');
    expect(msp7.attachments).toEqual([
      { url: 'https://www.example.org/docs/7msp-agenda.pdf', mime_type: 'application/pdf', title: 'Provisional agenda', size_in_bytes: 254301 },
      { url: 'https://www.example.org/docs/ccm-brochure.pdf?lang=en&v=2', mime_type: 'application/pdf', title: 'Brochure: the Convention at a glance' },
      { url: 'https://www.example.org/img/7msp-logo.png', mime_type: 'image/png', title: 'Logo of the Seventh Meeting of States Parties', size_in_bytes: 18234 },
    ]);
    expect(item(byKey.rakitje!).attachments).toEqual([
      { url: 'https://www.example.org/img/rakitje.webp', mime_type: 'image/webp', title: 'Field visit during the Rakitje seminar, Croatia.' },
    ]);
  });

  it('keeps alt text, caption and photo credit of every image', () => {
    expect(item(byKey.bangkok!)._herald).toMatchObject({
      images: [
        {
          url: 'https://www.example.org/img/bangkok-seminar.jpeg',
          alt: 'Delegates seated around a conference table',
          caption: 'Participants at the regional seminar in Bangkok, 16–17 March.',
          credit: '(c) CMC',
        },
      ],
    });
    expect(item(byKey.rakitje!)._herald?.images[0]?.credit).toBe('(c) Loren Persi/ICBL-CMC');
  });

  it('carries tags, authors, language and both dates of each item', () => {
    const kampala = item(byKey.kampala!);
    expect(kampala.tags).toEqual(['seminar', 'africa']);
    expect(kampala.language).toBe('es');
    expect(kampala.authors).toEqual([{ name: 'CMC Press Office', url: 'https://www.example.org/press' }]);
    const geneva = item(byKey.geneva!);
    expect([geneva.date_published, geneva.date_modified]).toEqual([byKey.geneva!.publishedAt, byKey.geneva!.updatedAt]);
  });
});
