import { readFileSync } from 'node:fs';
import { parseSource } from '../../../cli/import/parse-source';
import { SourceError } from '../../../cli/import/feed-item';

const fixture = (name: string) => readFileSync(new URL(`../../fixtures/import/${name}`, import.meta.url), 'utf8');
const parse = (name: string) => parseSource(fixture(name));

describe('RSS 2.0 with Media RSS (the coalition\'s old feed)', () => {
  const feed = parse('coalition-rss2.xml');

  it('reads the channel: format, site link and language', () => {
    expect([feed.format, feed.siteLink, feed.language]).toEqual(['rss2', 'https://old.example.org/', 'en-GB']);
  });

  it('keeps guids, links and RFC 822 dates with their offsets as UTC', () => {
    expect(feed.items.map((i) => [i.guid, i.published])).toEqual([
      ['https://old.example.org/?p=101', '2017-09-04T07:00:00.000Z'],
      ['https://old.example.org/?p=88', '2017-03-17T09:30:00.000Z'],
      ['https://old.example.org/?p=95&lang=es', '2017-05-31T12:00:00.000Z'],
      ['https://old.example.org/?p=97', '2017-06-22T08:15:00.000Z'],
    ]);
  });

  it('takes alt text, captions and credits from media:text, media:description and media:credit (also inherited from a group)', () => {
    const [msp7, bangkok, kampala, rakitje] = feed.items;
    expect(msp7!.images).toEqual([{ url: 'https://old.example.org/img/7msp-logo.png', alt: 'Logo of the Seventh Meeting of States Parties', type: 'image/png', length: 18234 }]);
    expect(bangkok!.images[0]).toMatchObject({ caption: 'Participants at the regional seminar in Bangkok, 16–17 March.', credit: '(c) CMC' });
    expect(kampala!.images[0]).toMatchObject({ caption: 'Group photo in Kampala', credit: '(c) Loren Persi/ICBL-CMC' });
    expect(rakitje!.images[0]).toMatchObject({ alt: 'A deminer explains a cluster submunition to participants', credit: '(c) Loren Persi/ICBL-CMC' });
  });

  it('takes an enclosure as a file, content:encoded as HTML, description as summary, dc:creator and categories', () => {
    const msp7 = feed.items[0]!;
    expect(msp7.files).toEqual([{ url: 'https://old.example.org/docs/7msp-agenda.pdf', title: '7msp-agenda.pdf', type: 'application/pdf', length: 254301 }]);
    expect(msp7.html).toContain('<strong>Seventh Meeting of States Parties</strong>');
    expect(msp7.summary).toBe('States Parties meet in Geneva on 4-6 September 2017, presided over by an ambassador.');
    expect(msp7.authors).toEqual([{ name: 'CMC Press Office' }]);
    expect(msp7.categories).toEqual(['7MSP', 'Meetings']);
  });
});

describe('RSS 1.0 (RDF)', () => {
  const feed = parse('rss1.rdf');
  it('reads items beside the channel, rdf:about as the id, dc:date, dc:creator, dc:subject and dc:language', () => {
    expect(feed.format).toBe('rss1');
    expect(feed.language).toBe('en');
    expect(feed.items[0]).toMatchObject({ guid: 'https://old.example.org/news/statement-1/', published: '2018-08-01T08:00:00.000Z', authors: [{ name: 'Hector Guerra' }], categories: ['Statements'] });
    expect(feed.items[0]!.html).toBe('The Coalition welcomes <b>ten years</b> of the ban.');
    expect(feed.items[1]!.html).toBe('<p>The <em>Monitor</em> is out.</p>');
  });
});

describe('Atom 1.0', () => {
  const feed = parse('atom-xhtml.xml');
  it('keeps xhtml content as markup and decodes html content once', () => {
    expect(feed.items[0]!.html).toBe('<div xmlns="http://www.w3.org/1999/xhtml"><p>La réunion est présidée par une <strong>ambassadrice</strong> &amp; ses conseillers.</p><p>Contact presse : +41 22 920 03 25</p></div>');
    expect(feed.items[1]!.html).toBe('<p>Le rapport &amp; les <em>photos</em>.</p>');
  });
  it('reads ids, published and updated, the feed author for entries without one, xml:lang, enclosures and Media RSS', () => {
    const [first, second] = feed.items;
    expect(first).toMatchObject({ guid: 'tag:old.example.org,2017:fr/7msp', published: '2017-09-04T07:00:00.000Z', updated: '2017-09-05T12:00:00.000Z', authors: [{ name: 'Amélie Ledoux' }], categories: ['7MSP'] });
    expect(first!.files).toEqual([{ url: 'https://old.example.org/docs/7msp-ordre-du-jour.pdf', title: 'Ordre du jour', type: 'application/pdf', length: 254301 }]);
    expect(feed.language).toBe('fr');
    // No published: the first version is the updated one.
    expect(second).toMatchObject({ published: '2017-06-23T08:00:00.000Z', authors: [{ name: 'CMC', email: 'media@example.org' }] });
    expect(second!.images[0]).toMatchObject({ credit: '(c) Loren Persi/ICBL-CMC', caption: 'Visite de terrain, Rakitje.' });
  });
});

describe('JSON Feed', () => {
  it('1.0: author, image, attachments, a numeric id as text, content_text escaped', () => {
    const feed = parse('jsonfeed-1.0.json');
    expect(feed.format).toBe('jsonfeed1');
    expect(feed.items[0]).toMatchObject({ guid: 'https://old.example.org/?p=120', authors: [{ name: 'CMC Press Office', url: 'https://old.example.org/press' }], images: [{ url: 'https://old.example.org/img/monitor-2019.jpg' }] });
    expect(feed.items[0]!.files).toEqual([{ url: 'https://old.example.org/docs/monitor-2019.pdf', type: 'application/pdf', length: 4200000, title: 'Monitor 2019 (PDF)' }]);
    expect(feed.items[1]).toMatchObject({ guid: '121', html: 'Text with &lt;angle&gt; &amp; ampersand.' });
  });
  it('1.1: authors, language, date_modified', () => {
    const feed = parse('jsonfeed-1.1.json');
    expect(feed.format).toBe('jsonfeed11');
    expect(feed.items[0]).toMatchObject({ language: 'es', updated: '2020-05-02T15:00:00.000Z', authors: [{ name: 'Hector Guerra' }, { name: 'Amélie Ledoux' }] });
  });
  it('refuses JSON that names another version', () => {
    expect(() => parseSource('{"version":"https://jsonfeed.org/version/2","items":[]}')).toThrow(SourceError);
  });
});

describe('WordPress WXR', () => {
  const feed = parse('wordpress.wxr');
  it('imports published posts only and reports the attachment, the draft and the page', () => {
    expect(feed.items.map((i) => i.guid)).toEqual(['https://old.example.org/?p=88']);
    expect(feed.skipped.map((s) => s.reason)).toEqual(['a WordPress attachment, not a post', 'a draft post, not published', 'a WordPress page, not a post']);
  });
  it('reads categories and tags, the author\'s display name, GMT dates and the featured image with alt, caption and credit', () => {
    expect(feed.items[0]).toMatchObject({
      categories: ['Seminar', 'Asia'],
      authors: [{ name: 'CMC Press Office' }],
      published: '2017-03-17T09:30:00.000Z',
      updated: '2017-03-20T10:00:00.000Z',
      images: [{ url: 'https://old.example.org/wp-content/uploads/2017/03/bangkok-seminar.jpeg', alt: 'Delegates seated around a conference table', caption: 'Participants at the regional seminar in Bangkok, 16–17 March.', credit: '(c) CMC' }],
    });
  });
});

describe('whole-file problems', () => {
  it.each([
    ['billion-laughs.xml', /DOCTYPE/],
    ['external-entity.xml', /DOCTYPE/],
    ['html-page.html', /HTML page, not a feed/],
    ['malformed.xml', /malformed XML at line 2/],
  ])('refuses %s with a clear message', (name, message) => {
    expect(() => parse(name)).toThrow(message);
  });

  it('never expands an entity: the refusal is a SourceError, raised before any parsing', () => {
    expect(() => parse('billion-laughs.xml')).toThrow(SourceError);
  });

  it.each([['', /empty/], ['hello', /neither XML nor JSON/], ['<opml version="2.0"/>', /root element is <opml>/]])('refuses %j', (text, message) => {
    expect(() => parseSource(text)).toThrow(message);
  });
});

describe('items with problems', () => {
  const feed = parse('bad-items.xml');
  const byGuid = (g: string) => feed.items.find((i) => i.guid === g)!;
  it('reports a date that does not read, or names a day that does not exist, on that item only', () => {
    expect(byGuid('broken-date').problems).toEqual([{ path: 'pubDate', message: '"Tuesday the 5th of September" is not an RFC 822 date' }]);
    expect(byGuid('feb-31').problems).toHaveLength(1);
    expect(byGuid('good-1').problems).toEqual([]);
  });
  it('reads an RFC 3339 date in pubDate and a named US zone', () => {
    expect(byGuid('rfc3339').published).toBe('2017-09-09T08:00:00.000Z');
    expect(feed.items.find((i) => i.title === 'No id, no link')!.published).toBe('2017-09-07T15:00:00.000Z');
  });
});
