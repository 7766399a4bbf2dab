import { describe, expect, it } from '@jest/globals';
import { embedSnippets } from '../../../shared/domain/embed-snippet';
import { renderHome } from '../../../shared/render/page';
import { feedContext } from '../../../shared/render/feed-context';
import { SITE, msp7En, stored } from '../../support/fixtures';

/** The snippet a partner site copies: on the home page for every feed, the same as the editor shows. */
const decode = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');

describe('embedSnippets', () => {
  const s = embedSnippets('https://news.example.org', 'https://news.example.org/feeds/fr/feed.json', 'CMC – "français" <fr>', 'https://news.example.org/');

  it('is the script tag, the element with the feed and limit, and a noscript link', () => {
    expect(s.script.split('\n')).toEqual([
      '<script type="module" src="https://news.example.org/embed/herald-news.js"></script>',
      '<herald-news feed="https://news.example.org/feeds/fr/feed.json" limit="5"></herald-news>',
      '<noscript><a href="https://news.example.org/">CMC – &quot;français&quot; &lt;fr&gt;</a></noscript>',
    ]);
  });

  it('has an iframe variant naming the feed in its query, title escaped', () => {
    expect(s.iframe).toBe(
      '<iframe src="https://news.example.org/embed/latest.html?feed=https%3A%2F%2Fnews.example.org%2Ffeeds%2Ffr%2Ffeed.json&amp;limit=5" title="CMC – &quot;français&quot; &lt;fr&gt;" width="400" height="600" loading="lazy"></iframe>',
    );
  });
});

describe('the home page', () => {
  it('shows the snippet for the site feed and each language and tag feed, as text', async () => {
    const keys = ['site', 'lang:fr', 'tag:7msp'];
    const items = [await stored(msp7En)];
    const html = renderHome(SITE, items, keys).body;
    const codes = [...html.matchAll(/<pre><code>([\s\S]*?)<\/code><\/pre>/g)].map((m) => decode(m[1]!));
    expect(codes).toEqual(
      keys.map((key) => {
        const ctx = feedContext(SITE, key);
        return embedSnippets(SITE.siteUrl, ctx.urls.json, ctx.title, ctx.urls.home).script;
      }),
    );
    expect(codes.map((c) => /feed="([^"]+)"/.exec(c)![1])).toEqual([
      'https://news.example.org/feeds/feed.json',
      'https://news.example.org/feeds/fr/feed.json',
      'https://news.example.org/feeds/tags/7msp/feed.json',
    ]);
    expect(html).not.toContain('<herald-news');
    expect(renderHome(SITE, items, keys).body).toBe(html);
  });
});
