import { Feed, type Extension } from 'feed';
import type { Announcement } from '../domain/announcement';
import { entryIdOf, feedUpdated, permalinkOf, type FeedContext } from './feed-context';
import { attr, clean, textAsHtml } from './xml-guard';
import { withRootNamespaces } from './xml-post';

const NS = {
  atom: 'http://www.w3.org/2005/Atom',
  dc: 'http://purl.org/dc/elements/1.1/',
  content: 'http://purl.org/rss/1.0/modules/content/',
};

/** RSS 2.0 with atom:link self/hub, dc:creator and content:encoded. Pure. */
export function renderRss(ctx: FeedContext, items: Announcement[]): string {
  const feed = new Feed({
    title: clean(ctx.title),
    description: clean(ctx.description),
    id: ctx.urls.home,
    link: ctx.urls.home,
    language: ctx.language,
    updated: feedUpdated(items),
    generator: 'Herald',
  });
  // The package keeps one hub and drops the rest; Herald writes the links itself.
  const links = [
    { _attributes: { href: attr(ctx.urls.rss), rel: 'self', type: 'application/rss+xml' } },
    ...ctx.hubs.map((hub) => ({ _attributes: { href: attr(hub), rel: 'hub' } })),
  ];
  feed.addExtension({ name: 'atom:link', objects: links as unknown as Record<string, unknown> });
  for (const a of items) feed.addItem(rssItem(ctx, a));
  return withRootNamespaces(feed.rss2(), 'rss', NS);
}

function rssItem(ctx: FeedContext, a: Announcement) {
  const extensions: Extension[] = [];
  // RSS <author> must be an e-mail address; names go in dc:creator.
  for (const author of a.authors) {
    extensions.push({ name: 'dc:creator', objects: { _text: clean(author.name) } });
  }
  return {
    title: clean(a.title),
    id: entryIdOf(a),
    link: permalinkOf(ctx.siteUrl, a),
    date: new Date(a.updatedAt),
    published: new Date(a.publishedAt ?? a.updatedAt),
    description: textAsHtml(a.summary) || undefined,
    content: clean(a.bodyHtml) || textAsHtml(a.summary || a.title),
    category: a.tags.map((tag) => ({ name: tag, domain: attr(`${ctx.siteUrl}/feeds/tags/${tag}/`) })),
    extensions: mergeRepeated(extensions),
  };
}

/** The package keys extensions by name, so repeated elements become one array. */
function mergeRepeated(extensions: Extension[]): Extension[] {
  const byName = new Map<string, unknown[]>();
  for (const e of extensions) byName.set(e.name, [...(byName.get(e.name) ?? []), e.objects]);
  return [...byName].map(([name, objects]) => ({
    name,
    objects: (objects.length === 1 ? objects[0] : objects) as Record<string, unknown>,
  }));
}
