import { describe, expect, it } from '@jest/globals';
import { gzipSync } from 'node:zlib';
import { buildEmbed, EMBED_ALIAS, EMBED_BUDGET, embedGzipBytes } from '../../../embed/build';
import { clampLimit, httpUrl, parseFeed } from '../../../embed/src/feed';
import { feedOfThisSite } from '../../../embed/src/feed-of-this-site';

/** The news box's pure parts: what it keeps of a feed, limit clamping, the iframe's origin check, and its build. */
const BASE = 'https://news.example.org/feeds/fr/feed.json';

describe('clampLimit', () => {
  it.each([
    [null, 5], ['', 5], ['abc', 5], ['0', 1], ['-3', 1], ['1', 1], ['7', 7], ['7.9', 7], ['20', 20], ['21', 20], ['1e9', 20],
  ])('reads %p as %p', (value, want) => expect(clampLimit(value)).toBe(want));
});

describe('httpUrl', () => {
  it('keeps http(s) URLs, resolved against the feed', () => {
    expect(httpUrl('/news/x/', BASE)).toBe('https://news.example.org/news/x/');
    expect(httpUrl('http://a.example/p', BASE)).toBe('http://a.example/p');
  });
  it.each(['javascript:alert(1)', ' JavaScript:alert(1)', 'data:text/html,<script>', 'vbscript:x', 'file:///etc/passwd', '', 42, null])('drops %p', (value) => {
    expect(httpUrl(value, BASE)).toBeUndefined();
  });
});

describe('parseFeed', () => {
  it('is undefined for anything that is not JSON Feed', () => {
    for (const doc of [null, 'text', [], { rss: {} }, { version: 'https://jsonfeed.org/version/1.1' }, { version: 1, items: [] }]) expect(parseFeed(doc, BASE)).toBeUndefined();
  });

  it('keeps the checked fields of an item, its first image with alt and credit, and its event', () => {
    const feed = parseFeed(
      {
        version: 'https://jsonfeed.org/version/1.1', title: 'CMC', home_page_url: 'https://news.example.org/', language: 'fr',
        items: [
          { id: 'a', url: '/news/a/', title: 'T', summary: 'S', date_published: '2017-09-01T10:00:00.000Z', language: 'fr',
            _herald: { images: [{ url: 'https://i.example/p.jpeg', alt: 'Alt', credit: '(c) CMC' }], event: { start: '2017-03-16', end: '2017-03-17', all_day: true, time_zone: 'Asia/Bangkok', status: 'cancelled' } } },
          { title: 'no id' },
          { id: 'b', url: 'javascript:alert(1)', title: 7, summary: 'only a summary', _herald: { images: [{ url: 'javascript:x', alt: 'a' }] } },
        ],
      },
      BASE,
    );
    expect(feed).toEqual({
      title: 'CMC', home: 'https://news.example.org/', language: 'fr',
      items: [
        { id: 'a', title: 'T', url: 'https://news.example.org/news/a/', summary: 'S', published: '2017-09-01T10:00:00.000Z', language: 'fr',
          image: { src: 'https://i.example/p.jpeg', alt: 'Alt', credit: '(c) CMC' },
          event: { start: '2017-03-16', end: '2017-03-17', allDay: true, timeZone: 'Asia/Bangkok', location: undefined, cancelled: true } },
        { id: 'b', title: 'only a summary', url: undefined, summary: 'only a summary', published: undefined, language: undefined, image: undefined, event: undefined },
      ],
    });
  });
});

describe('feedOfThisSite (the iframe variant)', () => {
  const here = new URL('https://news.example.org/embed/latest.html?feed=x');
  it('accepts this site’s feeds, absolute or relative', () => {
    expect(feedOfThisSite('https://news.example.org/feeds/fr/feed.json', here)).toBe('https://news.example.org/feeds/fr/feed.json');
    expect(feedOfThisSite('/feeds/tags/7msp/feed.json', here)).toBe('https://news.example.org/feeds/tags/7msp/feed.json');
  });
  it.each([null, '', 'https://evil.example/feeds/feed.json', '//evil.example/feeds/feed.json', 'http://news.example.org/feeds/feed.json', '/api/announcements', '/feeds/../api/x', 'javascript:alert(1)'])('refuses %p', (param) => {
    expect(feedOfThisSite(param, here)).toBeUndefined();
  });
});

describe('the build', () => {
  it('has the alias and the hashed module with the same bytes, within 8 KB gzipped, and no innerHTML, eval or cookie access', () => {
    const files = buildEmbed();
    const alias = files.find((f) => f.path === EMBED_ALIAS)!;
    const hashed = files.find((f) => /^herald-news\.[0-9a-f]{10}\.js$/.test(f.path))!;
    expect(hashed.bytes.equals(alias.bytes)).toBe(true);
    expect(embedGzipBytes(files)).toBe(gzipSync(alias.bytes, { level: 9 }).length);
    expect(embedGzipBytes(files)).toBeLessThanOrEqual(EMBED_BUDGET);
    const code = alias.bytes.toString('utf8');
    for (const banned of ['innerHTML', 'outerHTML', 'insertAdjacentHTML', 'eval(', 'new Function', 'document.cookie', 'document.write', 'import(']) expect(code).not.toContain(banned);
    expect(code).toContain('adoptedStyleSheets');
    expect(files.find((f) => f.path === 'latest.html')!.bytes.toString()).not.toMatch(/<script>|<style|\son\w+=/);
  });
});
