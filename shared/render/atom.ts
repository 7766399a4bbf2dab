import type { Announcement } from '../domain/announcement';
import { entryIdOf, FH, feedUpdated, permalinkOf, tagSchemeOf, type FeedContext } from './feed-context';
import { itemOnce } from './item-memo';
import { imageMediaContent, imageType } from './media';
import { stylesheetPi } from './stylesheet';
import { syndicated } from './syndicated';
import { emptyEl, parentEl, textEl, XML_DECLARATION } from './xml-writer';

/**
 * Atom 1.0 (RFC 4287), written by hand: the `feed` package marks titles
 * type="html", keeps one hub and derives enclosure types from file names.
 * Titles and summaries are type="text" (a title "<Geneva>" stays text), the
 * body is type="html"; images and documents are rel="enclosure" links with
 * their real type and, when known, length, plus Media RSS for captions and
 * credits. Pure: same items, same bytes.
 */
export function renderAtom(ctx: FeedContext, items: Announcement[]): string {
  const h = ctx.history;
  const feed = parentEl(
    'feed',
    {
      xmlns: 'http://www.w3.org/2005/Atom',
      'xmlns:media': 'http://search.yahoo.com/mrss/',
      'xmlns:fh': h?.archiveOf ? FH : undefined,
      'xml:lang': ctx.language,
    },
    [
      textEl('id', ctx.urls.atom),
      textEl('title', ctx.title, { type: 'text' }),
      textEl('subtitle', ctx.description || undefined, { type: 'text' }),
      textEl('updated', feedUpdated(items).toISOString()),
      // RFC 4287 4.1.1: a feed needs an author unless every entry has one.
      parentEl('author', {}, [textEl('name', ctx.siteTitle), textEl('uri', ctx.urls.home)], '  '),
      textEl('generator', 'Herald'),
      emptyEl('link', { rel: 'self', type: 'application/atom+xml', href: ctx.urls.atom }),
      emptyEl('link', { rel: 'alternate', type: 'text/html', href: ctx.urls.home }),
      // An archive does not change, so it names no hubs (RFC 5005 section 4).
      ...(h?.archiveOf ? [] : ctx.hubs.map((hub) => emptyEl('link', { rel: 'hub', href: hub }))),
      h?.archiveOf ? emptyEl('link', { rel: 'current', type: 'application/atom+xml', href: h.archiveOf.current.atom }) : '',
      h?.prev ? emptyEl('link', { rel: 'prev-archive', type: 'application/atom+xml', href: h.prev.atom }) : '',
      h?.next ? emptyEl('link', { rel: 'next-archive', type: 'application/atom+xml', href: h.next.atom }) : '',
      h?.archiveOf ? '<fh:archive/>' : '',
      ...items.map((a) => {
        const s = syndicated(ctx, a);
        return itemOnce(ctx, s, 'atom', () => atomEntry(ctx, s));
      }),
    ],
    '',
  );
  return `${XML_DECLARATION}\n${stylesheetPi(ctx.siteUrl)}\n${feed}\n`;
}

function atomEntry(ctx: FeedContext, a: Announcement): string {
  return parentEl(
    'entry',
    { 'xml:lang': a.language },
    [
      textEl('id', entryIdOf(a)),
      textEl('title', a.title, { type: 'text' }),
      textEl('updated', new Date(a.updatedAt).toISOString()),
      textEl('published', new Date(a.publishedAt ?? a.updatedAt).toISOString()),
      emptyEl('link', { rel: 'alternate', type: 'text/html', href: permalinkOf(ctx, a) }),
      // Translations: one alternate per other language (RFC 4287 4.2.7.4 hreflang).
      ...(ctx.translations?.get(a.id) ?? []).map((t) =>
        emptyEl('link', { rel: 'alternate', type: 'text/html', hreflang: t.language, title: t.title, href: t.url }),
      ),
      ...a.attachments.map((f) => emptyEl('link', { rel: 'enclosure', type: f.type, length: f.length, title: f.title, href: f.url })),
      ...a.images.map((i) =>
        emptyEl('link', { rel: 'enclosure', type: imageType(i), length: i.length, title: i.alt || undefined, href: i.url }),
      ),
      ...a.authors.map((p) =>
        parentEl('author', {}, [textEl('name', p.name), textEl('email', p.email), textEl('uri', p.url)], '    '),
      ),
      ...a.tags.map((tag) => emptyEl('category', { term: tag, scheme: tagSchemeOf(ctx.siteUrl) })),
      textEl('summary', a.summary || undefined, { type: 'text' }),
      textEl('content', a.bodyHtml || undefined, { type: 'html' }),
      ...a.images.map((i) => imageMediaContent(i, '    ')),
    ],
    '  ',
  );
}
