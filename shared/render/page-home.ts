import type { Announcement } from '../domain/announcement';
import { SITE_FEED, type FeedKey } from '../domain/feeds';
import { feedContext, permalinkOf, type SiteInfo } from './feed-context';
import { embedSnippets } from '../domain/embed-snippet';
import { esc, eventWhen, longDate, meta, scriptJson } from './html';
import { PAGE_CACHE_CONTROL } from './output-file';
import { feedLinks, langAttrs, pageDocument } from './page-head';
import { HOME_KEY, type PageFile } from './page-keys';
import { socialText } from './social';
import { syndicated } from './syndicated';

/** The home page: the latest announcements, and a link to every feed and calendar. */
export function renderHome(site: SiteInfo, stored: Announcement[], feeds: FeedKey[]): PageFile {
  const items = stored.map((a) => syndicated(site, a));
  const lang = site.siteLanguage ?? 'en';
  const siteFeed = feedContext(site, SITE_FEED);
  const list = items
    .map((a) => {
      const published = a.publishedAt ?? a.updatedAt;
      return `<li${langAttrs(a.language)}><h3><a href="${esc(permalinkOf(site, a))}">${esc(a.title)}</a></h3>
<p class="meta"><time datetime="${esc(published)}">${esc(longDate(published, a.language))}</time>${a.event ? ` · ${esc(eventWhen(a.event, a.language))}` : ''}</p>
${a.summary ? `<p>${esc(socialText(a))}</p>` : ''}</li>`;
    })
    .join('\n');
  const keys = [...new Set([SITE_FEED, ...feeds])];
  const feedRows = keys
    .map((key) => {
      const ctx = feedContext(site, key);
      const ics = ctx.urls.rss.replace(/rss\.xml$/, 'events.ics');
      return `<li><bdi>${esc(ctx.title)}</bdi>: <a href="${esc(ctx.urls.rss)}">RSS</a> · <a href="${esc(ctx.urls.atom)}">Atom</a> · <a href="${esc(ctx.urls.json)}">JSON Feed</a> · <a href="${esc(ics)}">Calendar</a></li>`;
    })
    .join('\n');
  // What a partner site pastes to show each feed's latest announcements (the news box, issue 15).
  const embedRows = keys
    .map((key) => {
      const ctx = feedContext(site, key);
      const snippet = embedSnippets(site.siteUrl, ctx.urls.json, ctx.title, ctx.urls.home).script;
      return `<li><bdi>${esc(ctx.title)}</bdi><pre><code>${esc(snippet)}</code></pre></li>`;
    })
    .join('\n');
  const body = `<main>
<h1>${esc(site.siteTitle)}</h1>
${site.siteDescription ? `<p>${esc(site.siteDescription)}</p>` : ''}
<section aria-labelledby="latest"><h2 id="latest">Latest announcements</h2>
${items.length ? `<ul class="items">\n${list}\n</ul>` : '<p>Nothing published yet.</p>'}
</section>
<section aria-labelledby="feeds"><h2 id="feeds">Feeds</h2>
<ul>
${feedRows}
<li><a href="${esc(`${site.siteUrl}/feeds/index.opml`)}">All feeds (OPML)</a></li>
</ul>
</section>
<section aria-labelledby="embed"><h2 id="embed">On your website</h2>
<p>Show the latest announcements of a feed on any page: copy its lines into the page.</p>
<ul>
${embedRows}
</ul>
</section>
</main>`;
  const head = [
    meta('name', 'description', site.siteDescription),
    `<link rel="canonical" href="${esc(`${site.siteUrl}/`)}">`,
    ...feedLinks(siteFeed),
    meta('property', 'og:type', 'website'),
    meta('property', 'og:title', site.siteTitle),
    meta('property', 'og:description', site.siteDescription),
    meta('property', 'og:url', `${site.siteUrl}/`),
    `<script type="application/ld+json">\n${scriptJson({ '@context': 'https://schema.org', '@type': 'WebSite', name: site.siteTitle, url: `${site.siteUrl}/`, inLanguage: lang })}\n</script>`,
  ];
  return {
    key: HOME_KEY,
    body: pageDocument({ lang, title: site.siteTitle, head, body, site }),
    contentType: 'text/html; charset=utf-8',
    cacheControl: PAGE_CACHE_CONTROL,
  };
}
