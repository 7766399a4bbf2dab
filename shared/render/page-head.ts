import type { Announcement } from '../domain/announcement';
import { SITE_FEED, feedKeyOf } from '../domain/feeds';
import { feedContext, type Alternate, type FeedContext, type SiteInfo } from './feed-context';
import { directionOf } from '../domain/direction';
import { esc, meta, PAGE_CSS, scriptJson } from './html';
import { locationOf } from './location';
import { imageType } from './media';
import { eventJson, mainImage, socialText } from './social';

/** Feed autodiscovery: one alternate link per format of a feed. */
export function feedLinks(ctx: FeedContext): string[] {
  return [
    `<link rel="alternate" type="application/rss+xml" title="${esc(`${ctx.title} (RSS)`)}" href="${esc(ctx.urls.rss)}">`,
    `<link rel="alternate" type="application/atom+xml" title="${esc(`${ctx.title} (Atom)`)}" href="${esc(ctx.urls.atom)}">`,
    `<link rel="alternate" type="application/feed+json" title="${esc(`${ctx.title} (JSON Feed)`)}" href="${esc(ctx.urls.json)}">`,
  ];
}

/** The HTML document around a page's head lines and body: one frame for article and home pages. */
export function pageDocument(o: { lang: string; title: string; head: string[]; body: string; site: SiteInfo }): string {
  return `<!doctype html>
<html lang="${esc(o.lang)}" dir="${directionOf(o.lang)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(o.title)}</title>
${o.head.filter(Boolean).join('\n')}
<style>${PAGE_CSS}</style>
</head>
<body>
<header><a href="${esc(`${o.site.siteUrl}/`)}"${langAttrs(o.site.siteLanguage ?? 'en')}>${esc(o.site.siteTitle)}</a></header>
${o.body}
</body>
</html>
`;
}

/** ` lang="…" dir="…"` for an element whose text is in `language`: each item of a mixed list keeps its own order. */
export function langAttrs(language: string): string {
  return ` lang="${esc(language)}" dir="${directionOf(language)}"`;
}

/** schema.org JSON-LD of an announcement: an Event when it has one, else a NewsArticle. */
export function jsonLd(site: SiteInfo, a: Announcement, url: string, alternates: Alternate[]) {
  const images = a.images.map((i) => i.url);
  const common = {
    '@context': 'https://schema.org',
    url,
    inLanguage: a.language,
    description: socialText(a, 500),
    ...(images.length ? { image: images } : {}),
    ...(alternates.length ? { workTranslation: alternates.map((t) => ({ '@type': 'CreativeWork', url: t.url, inLanguage: t.language, name: t.title })) } : {}),
  };
  if (a.event) {
    const e = eventJson(a.event);
    const place = locationOf(a.event);
    const physical = place ? [{ '@type': 'Place', name: a.event.venue ?? place, address: { '@type': 'PostalAddress', ...(a.event.city ? { addressLocality: a.event.city } : {}), ...(a.event.country ? { addressCountry: a.event.country } : {}) } }] : [];
    const online = a.event.onlineUrl ? [{ '@type': 'VirtualLocation', url: a.event.onlineUrl }] : [];
    return {
      ...common,
      '@type': 'Event',
      name: a.title,
      startDate: e.start,
      endDate: e.end,
      eventStatus: a.event.cancelled ? 'https://schema.org/EventCancelled' : 'https://schema.org/EventScheduled',
      eventAttendanceMode: `https://schema.org/${physical.length && online.length ? 'Mixed' : online.length ? 'Online' : 'Offline'}EventAttendanceMode`,
      location: [...physical, ...online],
      organizer: { '@type': 'Organization', name: site.siteTitle, url: `${site.siteUrl}/` },
    };
  }
  return {
    ...common,
    '@type': 'NewsArticle',
    headline: a.title.slice(0, 110),
    datePublished: a.publishedAt ?? a.updatedAt,
    dateModified: a.updatedAt,
    mainEntityOfPage: url,
    ...(a.tags.length ? { keywords: a.tags.join(', ') } : {}),
    author: a.authors.length ? a.authors.map((p) => ({ '@type': 'Person', name: p.name, ...(p.url ? { url: p.url } : {}) })) : [{ '@type': 'Organization', name: site.siteTitle }],
    publisher: { '@type': 'Organization', name: site.siteTitle, url: `${site.siteUrl}/` },
  };
}

/**
 * The head of an announcement's page: description, canonical and hreflang
 * links, feed autodiscovery, link previews (OpenGraph, Twitter card) and
 * JSON-LD. `url` is Herald's own page (og:url), `canonical` the page readers
 * should cite.
 */
export function articleHead(site: SiteInfo, a: Announcement, url: string, canonical: string, alternates: Alternate[]): string[] {
  const description = socialText(a);
  const image = mainImage(a);
  // A Herald media image has an OpenGraph variant cut for link cards (1200 x 630).
  const card = image?.og ?? (image ? { url: image.url, type: imageType(image), width: image.width, height: image.height } : undefined);
  const published = a.publishedAt ?? a.updatedAt;
  const siteFeed = feedContext(site, SITE_FEED);
  const langFeed = feedContext(site, feedKeyOf({ kind: 'lang', language: a.language }));
  return [
    meta('name', 'description', description),
    `<link rel="canonical" href="${esc(canonical)}">`,
    ...(alternates.length
      ? [
          `<link rel="alternate" hreflang="${esc(a.language)}" href="${esc(url)}">`,
          ...alternates.map((t) => `<link rel="alternate" hreflang="${esc(t.language)}" href="${esc(t.url)}">`),
        ]
      : []),
    ...feedLinks(siteFeed),
    ...feedLinks(langFeed),
    `<link rel="alternate" type="text/calendar" title="${esc(`${site.siteTitle}: events`)}" href="${esc(`${site.siteUrl}/feeds/events.ics`)}">`,
    meta('property', 'og:type', 'article'),
    meta('property', 'og:site_name', site.siteTitle),
    meta('property', 'og:title', a.title),
    meta('property', 'og:description', description),
    meta('property', 'og:url', url),
    meta('property', 'og:locale', a.language.replace('-', '_')),
    ...alternates.map((t) => meta('property', 'og:locale:alternate', t.language.replace('-', '_'))),
    meta('property', 'og:image', card?.url),
    meta('property', 'og:image:alt', image?.alt),
    meta('property', 'og:image:type', card?.type),
    meta('property', 'og:image:width', card?.width),
    meta('property', 'og:image:height', card?.height),
    meta('property', 'article:published_time', published),
    meta('property', 'article:modified_time', a.updatedAt),
    ...a.tags.map((t) => meta('property', 'article:tag', t)),
    meta('name', 'twitter:card', image ? 'summary_large_image' : 'summary'),
    meta('name', 'twitter:title', a.title),
    meta('name', 'twitter:description', description),
    meta('name', 'twitter:image', card?.url),
    meta('name', 'twitter:image:alt', image?.alt),
    `<script type="application/ld+json">\n${scriptJson(jsonLd(site, a, url, alternates))}\n</script>`,
  ];
}
