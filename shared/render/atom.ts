import { Feed } from 'feed';
import type { Announcement } from '../domain/announcement';
import { entryIdOf, feedUpdated, permalinkOf, type FeedContext } from './feed-context';
import { attr, clean, textAsHtml } from './xml-guard';
import { insertAfter, withRootAttributes } from './xml-post';

/**
 * Atom 1.0 (RFC 4287). The package marks titles and summaries type="html", so
 * Herald hands it escaped text: a title such as "<Geneva>" stays text.
 */
export function renderAtom(ctx: FeedContext, items: Announcement[]): string {
  const [firstHub, ...moreHubs] = ctx.hubs;
  const feed = new Feed({
    title: clean(ctx.title),
    description: clean(ctx.description),
    id: ctx.urls.atom,
    link: ctx.urls.home,
    feedLinks: { atom: ctx.urls.atom },
    hub: firstHub,
    updated: feedUpdated(items),
    generator: 'Herald',
  });
  for (const a of items) feed.addItem(atomEntry(ctx, a));
  let xml = feed.atom1();
  if (ctx.language) xml = withRootAttributes(xml, 'feed', { 'xml:lang': attr(ctx.language) });
  if (moreHubs.length) {
    const extra = moreHubs.map((hub) => `\n    <link rel="hub" href="${attr(hub)}"/>`).join('');
    xml = insertAfter(xml, `<link rel="hub" href="${attr(firstHub ?? '')}"/>`, extra);
  }
  return xml;
}

function atomEntry(ctx: FeedContext, a: Announcement) {
  return {
    title: textAsHtml(a.title),
    id: entryIdOf(a),
    link: permalinkOf(ctx.siteUrl, a),
    date: new Date(a.updatedAt),
    published: new Date(a.publishedAt ?? a.updatedAt),
    description: textAsHtml(a.summary) || undefined,
    content: clean(a.bodyHtml) || undefined,
    author: a.authors.map((p) => ({ name: clean(p.name), email: p.email, link: p.url })),
    category: a.tags.map((tag) => ({ term: tag })),
  };
}
