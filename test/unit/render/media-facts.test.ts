import { describe, expect, it } from '@jest/globals';
import type { Announcement, Image } from '../../../shared/domain/announcement';
import { renderAtom } from '../../../shared/render/atom';
import { feedContext } from '../../../shared/render/feed-context';
import { renderJsonFeed } from '../../../shared/render/json-feed';
import { renderPage } from '../../../shared/render/page';
import { renderRss } from '../../../shared/render/rss';
import { SITE, msp7En, stored } from '../../support/fixtures';
import { xmlErrors } from './xml';

/**
 * What the renderers write from the stored facts of Herald media files (as
 * the announcement service fills them): sizes, dimensions and the OpenGraph
 * variant. The clock is pinned by `stored` (fixed creation time).
 */
const media = (id: string, file: string) => `${SITE.siteUrl}/media/0b5c1b2e-${id}-4a4a-8a8a-000000000001/${file}`;
const photo: Image = {
  url: media('1111', 'web.jpg'), alt: 'Deminers at work', type: 'image/jpeg', length: 312_345, width: 1600, height: 1200,
  og: { url: media('1111', 'og.jpg'), type: 'image/jpeg', width: 1200, height: 630 },
};
const report = { url: media('2222', 'original.pdf'), title: 'Report', type: 'application/pdf', length: 1_048_576 };
const foreign: Image = { url: 'https://www.example.org/photo.png', alt: 'Elsewhere', width: 640, height: 480 };

const withMedia = (images: Image[], attachments = [report]): Promise<Announcement> => stored({ ...msp7En, canonicalUrl: undefined, images, attachments });
const site = feedContext(SITE, 'site');
/** The attributes of every element `name` in an XML document, in order. */
const elements = (xml: string, name: string) =>
  [...xml.matchAll(new RegExp(`<${name} ([^>]*?)/?>`, 'g'))].map((m) => Object.fromEntries([...m[1]!.matchAll(/([\w:]+)="([^"]*)"/g)].map((a) => [a[1], a[2]])));
const metas = (html: string) => Object.fromEntries([...html.matchAll(/<meta (?:property|name)="((?:og|twitter):image[^"]*)" content="([^"]*)">/g)].map((m) => [m[1], m[2]]));

describe('RSS from media facts', () => {
  it('writes media:content with fileSize, width and height, and the document as the enclosure with its length', async () => {
    const rss = renderRss(site, [await withMedia([photo])]);
    expect(await xmlErrors([rss])).toEqual([]);
    expect(elements(rss, 'media:content')).toEqual([
      { url: photo.url, type: 'image/jpeg', medium: 'image', fileSize: '312345', width: '1600', height: '1200' },
      { url: report.url, type: 'application/pdf', medium: 'document', fileSize: '1048576' },
    ]);
    expect(elements(rss, 'enclosure')).toEqual([{ url: report.url, type: 'application/pdf', length: '1048576' }]);
  });

  it('never names the OpenGraph variant (it is for link cards, not readers)', async () => {
    expect(renderRss(site, [await withMedia([photo])])).not.toContain('og.jpg');
  });
});

describe('Atom from media facts', () => {
  it('writes each enclosure with its length and the image media:content with its size', async () => {
    const atom = renderAtom(site, [await withMedia([photo])]);
    expect(await xmlErrors([atom])).toEqual([]);
    expect(elements(atom, 'link').filter((l) => l.rel === 'enclosure')).toEqual([
      { rel: 'enclosure', type: 'application/pdf', length: '1048576', title: 'Report', href: report.url },
      { rel: 'enclosure', type: 'image/jpeg', length: '312345', title: 'Deminers at work', href: photo.url },
    ]);
    expect(elements(atom, 'media:content')).toEqual([{ url: photo.url, type: 'image/jpeg', medium: 'image', fileSize: '312345', width: '1600', height: '1200' }]);
  });
});

describe('JSON Feed from media facts', () => {
  it('writes size_in_bytes on every attachment and width and height under _herald.images', async () => {
    const item = JSON.parse(renderJsonFeed(site, [await withMedia([photo, foreign])])).items[0];
    expect(item.attachments).toEqual([
      { url: report.url, mime_type: 'application/pdf', title: 'Report', size_in_bytes: 1_048_576 },
      { url: photo.url, mime_type: 'image/jpeg', title: 'Deminers at work', size_in_bytes: 312_345 },
      { url: foreign.url, mime_type: 'image/png', title: 'Elsewhere' },
    ]);
    expect(item._herald.images).toEqual([
      { url: photo.url, alt: 'Deminers at work', width: 1600, height: 1200 },
      { url: foreign.url, alt: 'Elsewhere', width: 640, height: 480 },
    ]);
    expect(item.image).toBe(photo.url);
  });
});

describe('page link previews from media facts', () => {
  it('uses the OpenGraph variant with its type, width and height when the first image is a Herald media image', async () => {
    const page = renderPage(SITE, await withMedia([photo, foreign])).body;
    expect(metas(page)).toEqual({
      'og:image': photo.og!.url, 'og:image:alt': 'Deminers at work', 'og:image:type': 'image/jpeg', 'og:image:width': '1200', 'og:image:height': '630',
      'twitter:image': photo.og!.url, 'twitter:image:alt': 'Deminers at work',
    });
    expect(page).toContain(`<img src="${photo.url}" alt="Deminers at work" width="1600" height="1200" loading="lazy">`);
  });

  it('uses the first image as given when it is not a Herald media image, as before', async () => {
    const page = renderPage(SITE, await withMedia([foreign, photo])).body;
    expect(metas(page)).toEqual({
      'og:image': foreign.url, 'og:image:alt': 'Elsewhere', 'og:image:type': 'image/png', 'og:image:width': '640', 'og:image:height': '480',
      'twitter:image': foreign.url, 'twitter:image:alt': 'Elsewhere',
    });
  });

  it('renders the same bytes twice (pure)', async () => {
    const a = await withMedia([photo]);
    expect(renderPage(SITE, a).body).toBe(renderPage(SITE, a).body);
  });
});
