import type { Announcement } from '../domain/announcement';
import { entryIdOf, FH, feedUpdated, permalinkOf, tagSchemeOf, type FeedContext } from './feed-context';
import { itemOnce } from './item-memo';
import { imageMediaContent, rssEnclosure } from './media';
import { stylesheetPi } from './stylesheet';
import { syndicated } from './syndicated';
import { emptyEl, htmlEscape, parentEl, textEl, XML_DECLARATION } from './xml-writer';

const NS: Record<string, string> = {
  'xmlns:atom': 'http://www.w3.org/2005/Atom',
  'xmlns:content': 'http://purl.org/rss/1.0/modules/content/',
  'xmlns:dc': 'http://purl.org/dc/elements/1.1/',
  'xmlns:media': 'http://search.yahoo.com/mrss/',
};

/**
 * RSS 2.0, written by hand (the `feed` package writes a fake enclosure length
 * of 0, one hub at most and unescaped extension attributes). Carries atom:link
 * self and hubs, <language>, dc:creator, <category domain>, content:encoded,
 * Media RSS for every image and document, and an <enclosure> only when its
 * true length is known. Pure: same items, same bytes.
 */
export function renderRss(ctx: FeedContext, items: Announcement[]): string {
  const h = ctx.history;
  const ns = h?.archiveOf ? { ...NS, 'xmlns:fh': FH } : NS;
  const channel = parentEl(
    'channel',
    {},
    [
      textEl('title', ctx.title),
      textEl('link', ctx.urls.home),
      textEl('description', ctx.description),
      textEl('language', ctx.language),
      textEl('lastBuildDate', feedUpdated(items).toUTCString()),
      textEl('generator', 'Herald'),
      textEl('docs', 'https://www.rssboard.org/rss-specification'),
      emptyEl('atom:link', { href: ctx.urls.rss, rel: 'self', type: 'application/rss+xml' }),
      // An archive does not change, so it names no hubs (RFC 5005 section 4).
      ...(h?.archiveOf ? [] : ctx.hubs.map((hub) => emptyEl('atom:link', { href: hub, rel: 'hub' }))),
      h?.archiveOf ? emptyEl('atom:link', { href: h.archiveOf.current.rss, rel: 'current', type: 'application/rss+xml' }) : '',
      h?.prev ? emptyEl('atom:link', { href: h.prev.rss, rel: 'prev-archive', type: 'application/rss+xml' }) : '',
      h?.next ? emptyEl('atom:link', { href: h.next.rss, rel: 'next-archive', type: 'application/rss+xml' }) : '',
      h?.archiveOf ? '<fh:archive/>' : '',
      ...items.map((a) => {
        const s = syndicated(ctx, a);
        return itemOnce(ctx, s, 'rss', () => rssItem(ctx, s));
      }),
    ],
    '  ',
  );
  return `${XML_DECLARATION}\n${stylesheetPi(ctx.siteUrl)}\n<rss version="2.0" ${attrList(ns)}>\n  ${channel}\n</rss>\n`;
}

function rssItem(ctx: FeedContext, a: Announcement): string {
  const enclosure = rssEnclosure(a);
  const emailed = a.authors.find((p) => p.email);
  return parentEl(
    'item',
    {},
    [
      textEl('title', a.title),
      textEl('link', permalinkOf(ctx, a)),
      textEl('guid', entryIdOf(a), { isPermaLink: 'false' }),
      textEl('pubDate', new Date(a.publishedAt ?? a.updatedAt).toUTCString()),
      // RSS <author> must be an e-mail address ("email (name)"), one per item: the
      // first author who has one is written so, every other name in dc:creator,
      // in the editor's order, so readers see each author once.
      ...a.authors.map((p) => (p === emailed ? textEl('author', `${p.email} (${p.name})`) : textEl('dc:creator', p.name))),
      ...a.tags.map((tag) => textEl('category', tag, { domain: tagSchemeOf(ctx.siteUrl) })),
      // description is HTML: the plain summary goes in escaped, so "<Geneva>" stays text.
      textEl('description', a.summary ? htmlEscape(a.summary) : undefined),
      textEl('content:encoded', a.bodyHtml || undefined),
      enclosure ? emptyEl('enclosure', enclosure) : '',
      ...a.images.map((image) => imageMediaContent(image, '      ')),
      ...a.attachments.map((f) =>
        parentEl(
          'media:content',
          { url: f.url, type: f.type, medium: 'document', fileSize: f.length },
          [textEl('media:title', f.title, { type: 'plain' })],
          '      ',
        ),
      ),
    ],
    '    ',
  );
}

const attrList = (a: Record<string, string>) =>
  Object.entries(a)
    .map(([k, v]) => `${k}="${v}"`)
    .join(' ');
