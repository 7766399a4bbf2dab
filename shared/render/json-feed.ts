import type { Announcement } from '../domain/announcement';
import { xmlSafe } from '../domain/text';
import { entryIdOf, permalinkOf, type FeedContext } from './feed-context';

/**
 * JSON Feed 1.1, written by hand: the `feed` package emits only version 1.0
 * (singular `author`, no `language`, no `hubs`). Pure: same items, same bytes.
 */
export function renderJsonFeed(ctx: FeedContext, items: Announcement[]): string {
  const doc = {
    version: 'https://jsonfeed.org/version/1.1',
    title: ctx.title,
    home_page_url: ctx.urls.home,
    feed_url: ctx.urls.json,
    description: ctx.description,
    ...(ctx.language ? { language: ctx.language } : {}),
    ...(ctx.hubs.length ? { hubs: ctx.hubs.map((url) => ({ type: 'WebSub', url })) } : {}),
    items: items.map((a) => jsonItem(ctx, a)),
  };
  // JSON can carry any code point, but readers that re-serialise to XML cannot.
  return xmlSafe(JSON.stringify(doc, null, 2));
}

function jsonItem(ctx: FeedContext, a: Announcement) {
  const image = a.images[0];
  return {
    id: entryIdOf(a),
    url: permalinkOf(ctx.siteUrl, a),
    title: a.title,
    ...(a.summary ? { summary: a.summary } : {}),
    content_html: a.bodyHtml || escapeHtml(a.summary || a.title),
    ...(image ? { image: image.url } : {}),
    date_published: a.publishedAt ?? a.updatedAt,
    date_modified: a.updatedAt,
    ...(a.authors.length
      ? { authors: a.authors.map((p) => ({ name: p.name, ...(p.url ? { url: p.url } : {}) })) }
      : {}),
    ...(a.tags.length ? { tags: a.tags } : {}),
    language: a.language,
    ...(a.attachments.length
      ? {
          attachments: a.attachments.map((f) => ({
            url: f.url,
            mime_type: f.type,
            title: f.title,
            ...(f.length ? { size_in_bytes: f.length } : {}),
          })),
        }
      : {}),
  };
}

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
