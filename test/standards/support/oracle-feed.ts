import { Feed } from 'feed';
import type { Announcement } from '../../../shared/domain/announcement';
import { entryIdOf, feedUpdated, permalinkOf, tagSchemeOf, type FeedContext } from '../../../shared/render/feed-context';
import { imageType } from '../../../shared/render/media';

/**
 * The same items written by the `feed` package (the differential oracle),
 * given everything of Herald's data that its options can hold: feed title,
 * description, language, self links, one hub (its option takes one), docs,
 * generator and author; per item id, link, both dates, summary, body, tags
 * with their scheme, authors with e-mail and URL, the first image and the
 * first document. `feed` throws on an empty author list, so none is passed.
 */
export function oracleFeed(ctx: FeedContext, items: Announcement[]): { rss: string; atom: string; json: string } {
  const feed = new Feed({
    id: ctx.urls.atom,
    title: ctx.title,
    description: ctx.description,
    link: ctx.urls.home,
    language: ctx.language,
    updated: feedUpdated(items),
    generator: 'Herald',
    docs: 'https://www.rssboard.org/rss-specification',
    feedLinks: { rss: ctx.urls.rss, atom: ctx.urls.atom, json: ctx.urls.json },
    ...(ctx.hubs[0] ? { hub: ctx.hubs[0] } : {}),
    author: { name: ctx.siteTitle, link: ctx.urls.home },
  });
  for (const a of items) {
    const image = a.images[0];
    const doc = a.attachments[0];
    feed.addItem({
      title: a.title,
      id: entryIdOf(a),
      link: permalinkOf(ctx, a),
      date: new Date(a.updatedAt),
      published: new Date(a.publishedAt ?? a.updatedAt),
      ...(a.summary ? { description: a.summary } : {}),
      ...(a.bodyHtml ? { content: a.bodyHtml } : {}),
      category: a.tags.map((t) => ({ name: t, term: t, domain: tagSchemeOf(ctx.siteUrl), scheme: tagSchemeOf(ctx.siteUrl) })),
      ...(a.authors.length ? { author: a.authors.map((p) => ({ name: p.name, email: p.email, link: p.url })) } : {}),
      ...(image ? { image: { url: image.url, type: imageType(image), length: image.length, title: image.alt } } : {}),
      ...(doc ? { enclosure: { url: doc.url, type: doc.type, length: doc.length, title: doc.title } } : {}),
    });
  }
  return { rss: feed.rss2(), atom: feed.atom1(), json: feed.json1() };
}
