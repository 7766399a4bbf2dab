import type { Announcement, Attachment, Image } from '../domain/announcement';
import { SITE_FEED } from '../domain/feeds';
import { feedContext, pageUrlOf, permalinkOf, type Alternate, type SiteInfo } from './feed-context';
import { esc, eventWhen, longDate } from './html';
import { locationOf } from './location';
import { PAGE_CACHE_CONTROL } from './output-file';
import { articleHead, langAttrs, pageDocument } from './page-head';
import { pageKeyOf, type PageFile } from './page-keys';
import { hashtagsOf } from './social';
import { syndicated } from './syndicated';

/**
 * The permalink page of one published announcement, as static HTML: the
 * head from page-head.ts, then the article (event, summary, the sanitised
 * body with its links made absolute, figures with captions and credits,
 * documents, tags, translations). Every value but the body is escaped. Pure.
 */
export function renderPage(site: SiteInfo, stored: Announcement, alternates: Alternate[] = []): PageFile {
  const a = syndicated(site, stored);
  const url = pageUrlOf(site.siteUrl, a);
  const head = articleHead(site, a, url, permalinkOf(site, a), alternates);
  const published = a.publishedAt ?? a.updatedAt;
  const siteFeed = feedContext(site, SITE_FEED);
  const e = a.event;
  const eventBlock = e
    ? `<section class="event${e.cancelled ? ' cancelled' : ''}" aria-label="Event">
<p><strong>${e.cancelled ? 'Cancelled: ' : ''}${esc(eventWhen(e, a.language))}</strong></p>
${locationOf(e) ? `<p>${esc(locationOf(e))}</p>` : ''}
${e.onlineUrl ? `<p><a href="${esc(e.onlineUrl)}">${esc(e.onlineUrl)}</a></p>` : ''}
<p><a href="${esc(`${site.siteUrl}/feeds/events.ics`)}">Add to calendar (iCalendar)</a></p>
</section>`
    : '';
  const figures = a.images.map(figure).join('\n');
  const attachments = a.attachments.length ? `<h2>Documents</h2>\n<ul>\n${a.attachments.map(documentItem).join('\n')}\n</ul>` : '';
  const translations = alternates.length
    ? `<nav aria-label="Translations"><h2>Other languages</h2><ul>\n${alternates
        .map((t) => `<li><a href="${esc(t.url)}" hreflang="${esc(t.language)}"${langAttrs(t.language)}>${esc(t.title)}</a></li>`)
        .join('\n')}\n</ul></nav>`
    : '';
  const main = `<main>
<article>
<h1>${esc(a.title)}</h1>
<p class="meta"><time datetime="${esc(published)}">${esc(longDate(published, a.language))}</time>${a.authors.length ? ` · ${a.authors.map((p) => `<bdi>${esc(p.name)}</bdi>`).join(', ')}` : ''}</p>
${eventBlock}
${a.summary ? `<p><strong>${esc(a.summary)}</strong></p>` : ''}
${a.bodyHtml}
${figures}
${attachments}
${a.tags.length ? `<p class="meta">${hashtagsOf(a).map((h, i) => `<a href="${esc(`${site.siteUrl}/feeds/tags/${encodeURIComponent(a.tags[i]!)}/rss.xml`)}">${esc(h)}</a>`).join(' ')}</p>` : ''}
${translations}
</article>
</main>
<footer><p>Follow: ${[siteFeed.urls.rss, siteFeed.urls.atom, siteFeed.urls.json].map((u, i) => `<a href="${esc(u)}">${['RSS', 'Atom', 'JSON Feed'][i]}</a>`).join(' · ')}</p></footer>`;
  return {
    key: pageKeyOf(a),
    body: pageDocument({ lang: a.language, title: `${a.title} – ${site.siteTitle}`, head, body: main, site }),
    contentType: 'text/html; charset=utf-8',
    cacheControl: PAGE_CACHE_CONTROL,
  };
}

/** An image with its alt text, caption and photo credit. */
const figure = (i: Image) => `<figure>
<img src="${esc(i.url)}" alt="${esc(i.alt)}"${i.width ? ` width="${i.width}"` : ''}${i.height ? ` height="${i.height}"` : ''} loading="lazy">
${i.caption || i.credit ? `<figcaption>${i.caption ? esc(i.caption) : ''}${i.credit ? ` <span class="credit">${esc(i.credit)}</span>` : ''}</figcaption>` : ''}
</figure>`;

/** A document link with its type and size when known. */
const documentItem = (f: Attachment) =>
  `<li><a href="${esc(f.url)}" type="${esc(f.type)}">${esc(f.title)}</a>${f.length ? ` <span class="meta">(${esc(f.type)}, ${Math.max(1, Math.round(f.length / 1024))} KB)</span>` : ''}</li>`;
