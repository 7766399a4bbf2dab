import { describe, expect, it } from '@jest/globals';
import { parseDocument } from 'htmlparser2';
import type { Announcement } from '../../../shared/domain/announcement';
import { renderAtom } from '../../../shared/render/atom';
import { feedContext, type SiteInfo } from '../../../shared/render/feed-context';
import { renderJsonFeed } from '../../../shared/render/json-feed';
import { renderHome, renderPage } from '../../../shared/render/page';
import { renderRss } from '../../../shared/render/rss';
import { SITE, msp7En, stored } from '../../support/fixtures';
import { blocks, canonical, decodeEntities, leaves } from './xml';

/** Every href and src in an HTML fragment or document. */
function urlsIn(html: string): string[] {
  const out: string[] = [];
  const walk = (nodes: ReturnType<typeof parseDocument>['children']) => {
    for (const n of nodes) {
      if ('attribs' in n) for (const k of ['href', 'src']) if (n.attribs[k] !== undefined) out.push(n.attribs[k]!);
      if ('children' in n) walk(n.children);
    }
  };
  walk(parseDocument(html).children);
  return out;
}

const BODY = [
  'Photo: ![the hall](img/hall.jpg), agenda [here](../docs/agenda.pdf), [top](#top).',
  '',
  'Old site: [archive](http://old.example.org/7msp) ![old logo](http://old.example.org/logo.png)',
  '',
  'Mail [press](mailto:press@example.org), secure [report](https://www.example.org/report.pdf).',
].join('\n');

const site = (links?: SiteInfo['links']): SiteInfo => ({ ...SITE, links });
const httpsOnly = site({ allowHttp: false, canonicalHosts: ['news.example.org', 'www.example.org'] });
const httpToo = site({ allowHttp: true, canonicalHosts: ['news.example.org'] });

/** The body as each format carries it: RSS content:encoded, Atom content, JSON Feed content_html. */
async function bodies(s: SiteInfo, a: Announcement): Promise<Record<string, string>> {
  const ctx = feedContext(s, 'site');
  const rss = await canonical(renderRss(ctx, [a]));
  const atom = await canonical(renderAtom(ctx, [a]));
  const json = JSON.parse(renderJsonFeed(ctx, [a])) as { items: { content_html: string }[] };
  return {
    rss: decodeEntities(leaves(blocks(rss, 'item')[0]!, 'content:encoded')[0]!.text),
    atom: decodeEntities(leaves(blocks(atom, 'entry')[0]!, 'content')[0]!.text),
    json: json.items[0]!.content_html,
    page: /<article>([\s\S]*)<\/article>/.exec(renderPage(s, a).body)![1]!,
  };
}

describe('links and images in bodies', () => {
  it('resolves a relative src or href against the item page, in every format and the page', async () => {
    const a = await stored({ ...msp7En, body: BODY });
    const page = `${SITE.siteUrl}/news/seventh-meeting-of-states-parties-00000000/`;
    for (const [format, html] of Object.entries(await bodies(httpsOnly, a))) {
      const urls = urlsIn(html);
      expect([format, urls.filter((u) => !/^(https?|mailto):/.test(u))]).toEqual([format, []]);
      expect(urls).toEqual(expect.arrayContaining([`${page}img/hall.jpg`, `${SITE.siteUrl}/news/docs/agenda.pdf`, `${page}#top`]));
    }
  });

  it('drops http links and images unless the site allows http, keeping https and mailto', async () => {
    const a = await stored({ ...msp7En, body: BODY });
    for (const html of Object.values(await bodies(httpsOnly, a))) {
      expect(urlsIn(html).filter((u) => u.startsWith('http:'))).toEqual([]);
      expect(html).toContain('>archive</a>'); // the link text stays
      expect(urlsIn(html)).toEqual(expect.arrayContaining(['mailto:press@example.org', 'https://www.example.org/report.pdf']));
    }
    for (const html of Object.values(await bodies(httpToo, a))) {
      expect(urlsIn(html)).toEqual(expect.arrayContaining(['http://old.example.org/7msp', 'http://old.example.org/logo.png']));
    }
  });

  it('leaves out stored http images, files, author and online links unless http is allowed', async () => {
    const a = await stored({
      ...msp7En,
      images: [{ url: 'http://old.example.org/hall.jpg', alt: 'The hall' }, ...msp7En.images],
      attachments: [{ url: 'http://old.example.org/a.pdf', title: 'Old agenda', type: 'application/pdf' }],
      authors: [{ name: 'Press', url: 'http://old.example.org/press' }],
    });
    const rss = renderRss(feedContext(httpsOnly, 'site'), [a]);
    const page = renderPage(httpsOnly, a).body;
    for (const doc of [rss, page, renderAtom(feedContext(httpsOnly, 'site'), [a]), renderJsonFeed(feedContext(httpsOnly, 'site'), [a])]) {
      expect(doc).not.toContain('http://old.example.org');
    }
    expect(renderPage(httpToo, a).body).toContain('http://old.example.org/hall.jpg');
  });
});

describe('canonicalUrl', () => {
  it('is honoured on a listed host and ignored, if stored, on any other', async () => {
    const listed = await stored({ ...msp7En, canonicalUrl: 'https://www.example.org/news?id=7' });
    const foreign = await stored({ ...msp7En, canonicalUrl: 'https://evil.example/phish' });
    const own = `${SITE.siteUrl}/news/seventh-meeting-of-states-parties-00000000/`;
    const linkOf = (s: SiteInfo, a: Announcement) => JSON.parse(renderJsonFeed(feedContext(s, 'site'), [a])).items[0].url as string;
    expect(linkOf(httpsOnly, listed)).toBe('https://www.example.org/news?id=7');
    expect(linkOf(httpsOnly, foreign)).toBe(own);
    // The default policy: the site's own host only.
    expect(linkOf(site(undefined), listed)).toBe(own);
    expect(renderPage(httpsOnly, foreign).body).toContain(`<link rel="canonical" href="${own}">`);
    expect(renderPage(httpsOnly, foreign).body).not.toContain('evil.example');
    expect(renderHome(httpsOnly, [foreign], ['site']).body).not.toContain('evil.example');
    const atom = await canonical(renderAtom(feedContext(httpsOnly, 'site'), [foreign]));
    expect(leaves(blocks(atom, 'entry')[0]!, 'link')[0]?.attrs.href).toBe(own);
  });
});
