import { parseRfc3339 } from './dates';
import type { FeedAuthor, FeedItem, ParsedFeed } from './feed-item';
import { clean, mediaOf, MEDIA_NS } from './media-rss';
import { attr, childText, decodeRaw, nodes, prefixer, textOf, type XmlNode } from './xml';

/** An Atom text construct's HTML: xhtml kept as markup, html decoded, text escaped. */
function contentHtml(node: XmlNode | undefined): string | undefined {
  if (!node) return undefined;
  const raw = textOf(node);
  const type = attr(node, 'type') ?? 'text';
  if (type === 'xhtml') return raw;
  const text = decodeRaw(raw);
  if (type === 'html') return text;
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** A link of an entry by relation ("alternate" when the link names none). */
const linksOf = (entry: XmlNode, rel: string) => nodes(entry.link).filter((l) => (attr(l, 'rel') ?? 'alternate') === rel);

function personOf(p: XmlNode): FeedAuthor | undefined {
  const name = childText(p, 'name');
  return name ? clean({ name, email: childText(p, 'email') || undefined, url: childText(p, 'uri') || undefined }) : undefined;
}

function dateOf(entry: XmlNode, field: 'published' | 'updated', problems: FeedItem['problems']): string | undefined {
  const raw = childText(entry, field);
  if (!raw) return undefined;
  const at = parseRfc3339(raw);
  if (!at) problems.push({ path: field, message: `"${raw.slice(0, 60)}" is not an RFC 3339 date` });
  return at;
}

function entryOf(entry: XmlNode, feedAuthors: FeedAuthor[], q: (uri: string, l: string) => string): FeedItem {
  const problems: FeedItem['problems'] = [];
  const published = dateOf(entry, 'published', problems);
  const updated = dateOf(entry, 'updated', problems);
  const own = nodes(entry.author).map(personOf).filter((a): a is FeedAuthor => a !== undefined);
  const content = nodes(entry.content)[0];
  const summary = nodes(entry.summary)[0];
  const enclosures = linksOf(entry, 'enclosure').flatMap((l) => {
    const url = attr(l, 'href');
    const length = Number(attr(l, 'length'));
    return url ? [clean({ url, type: attr(l, 'type'), title: attr(l, 'title'), length: Number.isInteger(length) && length > 0 ? length : undefined })] : [];
  });
  return clean({
    guid: childText(entry, 'id') || undefined,
    link: attr(linksOf(entry, 'alternate')[0], 'href'),
    title: textOf(nodes(entry.title)[0]).trim(),
    html: contentHtml(content && !attr(content, 'src') ? content : undefined) ?? contentHtml(summary),
    summary: content && summary ? contentHtml(summary) : undefined,
    // Atom requires updated; published is optional, and then the first version is the updated one.
    published: published ?? updated,
    updated,
    authors: own.length ? own : feedAuthors,
    categories: nodes(entry.category).map((c) => attr(c, 'label') ?? attr(c, 'term') ?? '').filter(Boolean),
    language: attr(entry, 'xml:lang'),
    ...mediaOf(entry, q, enclosures),
    problems,
  }) as FeedItem;
}

/** An Atom 1.0 feed. */
export function parseAtom(doc: XmlNode): ParsedFeed {
  const feed = doc.feed as XmlNode;
  const q = prefixer(feed, { [MEDIA_NS]: 'media' });
  const feedAuthors = nodes(feed.author).map(personOf).filter((a): a is FeedAuthor => a !== undefined);
  return clean({
    format: 'atom',
    title: textOf(nodes(feed.title)[0]).trim() || undefined,
    siteLink: attr(linksOf(feed, 'alternate')[0], 'href'),
    language: attr(feed, 'xml:lang'),
    items: nodes(feed.entry).map((e) => entryOf(e, feedAuthors, q)),
    skipped: [],
  }) as ParsedFeed;
}
