import type { Announcement } from '../domain/announcement';
import { xmlSafe } from '../domain/text';
import { entryIdOf, permalinkOf, type FeedContext } from './feed-context';
import { itemOnce } from './item-memo';
import { imageType } from './media';
import { heraldExtension } from './social';
import { syndicated } from './syndicated';
import { htmlEscape } from './xml-writer';

/**
 * JSON Feed 1.1, written by hand: the `feed` package emits only version 1.0
 * (singular `author`, no `language`, no `hubs`). Documents and images are
 * attachments with their MIME type and, when known, size; image alt text,
 * captions and credits ride in the `_herald` extension. Pure: same items,
 * same bytes.
 */
export function renderJsonFeed(ctx: FeedContext, items: Announcement[]): string {
  const doc = {
    version: 'https://jsonfeed.org/version/1.1',
    title: ctx.title,
    home_page_url: ctx.urls.home,
    feed_url: ctx.urls.json,
    ...(ctx.description ? { description: ctx.description } : {}),
    authors: [{ name: ctx.siteTitle, url: ctx.urls.home }],
    language: ctx.language,
    ...(ctx.hubs.length && !ctx.history?.archiveOf ? { hubs: ctx.hubs.map((url) => ({ type: 'WebSub', url })) } : {}),
    // JSON Feed pages towards older items with next_url: the archive before this document.
    ...(ctx.history?.prev ? { next_url: ctx.history.prev.json } : {}),
    items: [],
  };
  // Each item is written once per run (item-memo.ts) and set into the document at the
  // items' depth: the same bytes as one JSON.stringify of the whole, whose last key is items.
  const entries = items.map((a) => {
    const s = syndicated(ctx, a);
    return itemOnce(ctx, s, 'json', () => JSON.stringify(jsonItem(ctx, s), xmlSafeStrings, 2).replace(/\n/g, '\n    '));
  });
  const head = JSON.stringify(doc, xmlSafeStrings, 2);
  return entries.length ? `${head.slice(0, -EMPTY_ITEMS.length)}[\n    ${entries.join(',\n    ')}\n  ]\n}` : head;
}

/** How a document with no items ends: items is its last key. */
const EMPTY_ITEMS = '[]\n}';

/** JSON can carry any code point, but readers that re-serialise to XML cannot. */
const xmlSafeStrings = (_key: string, value: unknown) => (typeof value === 'string' ? xmlSafe(value) : value);

function jsonItem(ctx: FeedContext, a: Announcement) {
  const image = a.images[0];
  const attachments = [
    ...a.attachments.map((f) => ({ url: f.url, mime_type: f.type, title: f.title, size_in_bytes: f.length })),
    ...a.images.flatMap((i) => {
      const type = imageType(i);
      return type ? [{ url: i.url, mime_type: type, title: i.caption ?? (i.alt || undefined), size_in_bytes: i.length }] : [];
    }),
  ];
  return {
    id: entryIdOf(a),
    url: permalinkOf(ctx, a),
    title: a.title,
    ...(a.summary ? { summary: a.summary } : {}),
    content_html: a.bodyHtml || htmlEscape(a.summary || a.title),
    ...(image ? { image: image.url } : {}),
    date_published: new Date(a.publishedAt ?? a.updatedAt).toISOString(),
    date_modified: new Date(a.updatedAt).toISOString(),
    ...(a.authors.length
      ? { authors: a.authors.map((p) => ({ name: p.name, ...(p.url ? { url: p.url } : {}) })) }
      : {}),
    ...(a.tags.length ? { tags: a.tags } : {}),
    language: a.language,
    ...(attachments.length ? { attachments } : {}),
    _herald: heraldExtension(ctx, a),
  };
}
