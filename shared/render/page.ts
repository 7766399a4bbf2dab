import type { Announcement, EventInfo } from '../domain/announcement';
import { parseWallTime } from '../domain/event-time';
import { feedKeyOf, SITE_FEED, type FeedKey } from '../domain/feeds';
import { feedContext, pageDirOf, permalinkOf, type Alternate, type FeedContext, type SiteInfo } from './feed-context';
import { esc, longDate, meta, PAGE_CSS, scriptJson } from './html';
import { locationOf } from './location';
import { PAGE_CACHE_CONTROL } from './output-file';
import { imageType } from './media';
import { eventJson, hashtagsOf, mainImage, socialText } from './social';

/**
 * The permalink page of an announcement and the home page, as static HTML.
 * Link previews (OpenGraph, Twitter card), schema.org JSON-LD, feed
 * autodiscovery and hreflang alternates live in the head; the body is the
 * stored, sanitised HTML. Every other value is escaped. Pure: same input,
 * same bytes.
 */
export type PageFile = { key: string; body: string; contentType: string; cacheControl: string };

export { PAGE_CACHE_CONTROL } from './output-file';
export const HOME_KEY = 'index.html';

/** The bucket key of an announcement's page. */
export const pageKeyOf = (a: Pick<Announcement, 'slug' | 'id'>): string => `${pageDirOf(a)}index.html`;

/** Herald's own URL of the page (og:url), whatever the canonical URL. */
const pageUrlOf = (site: SiteInfo, a: Pick<Announcement, 'slug' | 'id'>) => `${site.siteUrl}/${pageDirOf(a)}`;

function feedLinks(ctx: FeedContext): string[] {
  return [
    `<link rel="alternate" type="application/rss+xml" title="${esc(`${ctx.title} (RSS)`)}" href="${esc(ctx.urls.rss)}">`,
    `<link rel="alternate" type="application/atom+xml" title="${esc(`${ctx.title} (Atom)`)}" href="${esc(ctx.urls.atom)}">`,
    `<link rel="alternate" type="application/feed+json" title="${esc(`${ctx.title} (JSON Feed)`)}" href="${esc(ctx.urls.json)}">`,
  ];
}

function document(o: { lang: string; title: string; head: string[]; body: string; site: SiteInfo }): string {
  return `<!doctype html>
<html lang="${esc(o.lang)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(o.title)}</title>
${o.head.filter(Boolean).join('\n')}
<style>${PAGE_CSS}</style>
</head>
<body>
<header><a href="${esc(`${o.site.siteUrl}/`)}">${esc(o.site.siteTitle)}</a></header>
${o.body}
</body>
</html>
`;
}

/** Shows a wall time as written, in the page's language, with its zone. */
function eventWhen(e: EventInfo, language: string): string {
  const kind = e.allDay ? 'date' : 'date-time';
  const fmt = (s: string) => {
    const t = parseWallTime(s, kind)!;
    const d = new Date(Date.UTC(t.year, t.month - 1, t.day, t.hour, t.minute, t.second));
    const options: Intl.DateTimeFormatOptions = e.allDay ? { dateStyle: 'long', timeZone: 'UTC' } : { dateStyle: 'long', timeStyle: 'short', timeZone: 'UTC' };
    try {
      return new Intl.DateTimeFormat(language, options).format(d);
    } catch {
      return s;
    }
  };
  return `${fmt(e.start)} – ${fmt(e.end)}${e.allDay ? '' : ` (${e.timeZone})`}`;
}

function jsonLd(site: SiteInfo, a: Announcement, url: string, alternates: Alternate[]) {
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

/** The permalink page of one published announcement. */
export function renderPage(site: SiteInfo, a: Announcement, alternates: Alternate[] = []): PageFile {
  const url = pageUrlOf(site, a);
  const canonical = permalinkOf(site.siteUrl, a);
  const description = socialText(a);
  const image = mainImage(a);
  const published = a.publishedAt ?? a.updatedAt;
  const siteFeed = feedContext(site, SITE_FEED);
  const langFeed = feedContext(site, feedKeyOf({ kind: 'lang', language: a.language }));
  const head = [
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
    meta('property', 'og:image', image?.url),
    meta('property', 'og:image:alt', image?.alt),
    meta('property', 'og:image:type', image ? imageType(image) : undefined),
    meta('property', 'og:image:width', image?.width),
    meta('property', 'og:image:height', image?.height),
    meta('property', 'article:published_time', published),
    meta('property', 'article:modified_time', a.updatedAt),
    ...a.tags.map((t) => meta('property', 'article:tag', t)),
    meta('name', 'twitter:card', image ? 'summary_large_image' : 'summary'),
    meta('name', 'twitter:title', a.title),
    meta('name', 'twitter:description', description),
    meta('name', 'twitter:image', image?.url),
    meta('name', 'twitter:image:alt', image?.alt),
    `<script type="application/ld+json">\n${scriptJson(jsonLd(site, a, url, alternates))}\n</script>`,
  ];
  const e = a.event;
  const eventBlock = e
    ? `<section class="event${e.cancelled ? ' cancelled' : ''}" aria-label="Event">
<p><strong>${e.cancelled ? 'Cancelled: ' : ''}${esc(eventWhen(e, a.language))}</strong></p>
${locationOf(e) ? `<p>${esc(locationOf(e))}</p>` : ''}
${e.onlineUrl ? `<p><a href="${esc(e.onlineUrl)}">${esc(e.onlineUrl)}</a></p>` : ''}
<p><a href="${esc(`${site.siteUrl}/feeds/events.ics`)}">Add to calendar (iCalendar)</a></p>
</section>`
    : '';
  const figures = a.images
    .map(
      (i) => `<figure>
<img src="${esc(i.url)}" alt="${esc(i.alt)}"${i.width ? ` width="${i.width}"` : ''}${i.height ? ` height="${i.height}"` : ''} loading="lazy">
${i.caption || i.credit ? `<figcaption>${i.caption ? esc(i.caption) : ''}${i.credit ? ` <span class="credit">${esc(i.credit)}</span>` : ''}</figcaption>` : ''}
</figure>`,
    )
    .join('\n');
  const attachments = a.attachments.length
    ? `<h2>Documents</h2>\n<ul>\n${a.attachments
        .map((f) => `<li><a href="${esc(f.url)}" type="${esc(f.type)}">${esc(f.title)}</a>${f.length ? ` <span class="meta">(${esc(f.type)}, ${Math.max(1, Math.round(f.length / 1024))} KB)</span>` : ''}</li>`)
        .join('\n')}\n</ul>`
    : '';
  const translations = alternates.length
    ? `<nav aria-label="Translations"><h2>Other languages</h2><ul>\n${alternates
        .map((t) => `<li><a href="${esc(t.url)}" hreflang="${esc(t.language)}" lang="${esc(t.language)}">${esc(t.title)}</a></li>`)
        .join('\n')}\n</ul></nav>`
    : '';
  const body = `<main>
<article>
<h1>${esc(a.title)}</h1>
<p class="meta"><time datetime="${esc(published)}">${esc(longDate(published, a.language))}</time>${a.authors.length ? ` · ${a.authors.map((p) => esc(p.name)).join(', ')}` : ''}</p>
${eventBlock}
${a.summary ? `<p><strong>${esc(a.summary)}</strong></p>` : ''}
${a.bodyHtml}
${figures}
${attachments}
${a.tags.length ? `<p class="meta">${hashtagsOf(a).map((h, i) => `<a href="${esc(`${site.siteUrl}/feeds/tags/${a.tags[i]}/rss.xml`)}">${esc(h)}</a>`).join(' ')}</p>` : ''}
${translations}
</article>
</main>
<footer><p>Follow: ${[siteFeed.urls.rss, siteFeed.urls.atom, siteFeed.urls.json].map((u, i) => `<a href="${esc(u)}">${['RSS', 'Atom', 'JSON Feed'][i]}</a>`).join(' · ')}</p></footer>`;
  return {
    key: pageKeyOf(a),
    body: document({ lang: a.language, title: `${a.title} – ${site.siteTitle}`, head, body, site }),
    contentType: 'text/html; charset=utf-8',
    cacheControl: PAGE_CACHE_CONTROL,
  };
}

/** The home page: the latest announcements, and a link to every feed and calendar. */
export function renderHome(site: SiteInfo, items: Announcement[], feeds: FeedKey[]): PageFile {
  const lang = site.siteLanguage ?? 'en';
  const siteFeed = feedContext(site, SITE_FEED);
  const list = items
    .map((a) => {
      const published = a.publishedAt ?? a.updatedAt;
      return `<li lang="${esc(a.language)}"><h3><a href="${esc(permalinkOf(site.siteUrl, a))}">${esc(a.title)}</a></h3>
<p class="meta"><time datetime="${esc(published)}">${esc(longDate(published, a.language))}</time>${a.event ? ` · ${esc(eventWhen(a.event, a.language))}` : ''}</p>
${a.summary ? `<p>${esc(socialText(a))}</p>` : ''}</li>`;
    })
    .join('\n');
  const keys = [...new Set([SITE_FEED, ...feeds])];
  const feedRows = keys
    .map((key) => {
      const ctx = feedContext(site, key);
      const ics = ctx.urls.rss.replace(/rss\.xml$/, 'events.ics');
      return `<li>${esc(ctx.title)}: <a href="${esc(ctx.urls.rss)}">RSS</a> · <a href="${esc(ctx.urls.atom)}">Atom</a> · <a href="${esc(ctx.urls.json)}">JSON Feed</a> · <a href="${esc(ics)}">Calendar</a></li>`;
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
  return { key: HOME_KEY, body: document({ lang, title: site.siteTitle, head, body, site }), contentType: 'text/html; charset=utf-8', cacheControl: PAGE_CACHE_CONTROL };
}
