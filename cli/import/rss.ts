import { parseFeedDate, parseRfc3339 } from './dates';
import type { FeedAuthor, FeedItem, ParsedFeed } from './feed-item';
import { clean, mediaOf, MEDIA_NS, rssEnclosures } from './media-rss';
import { attr, childText, nodes, prefixer, textOf, type XmlNode } from './xml';

const DC = 'http://purl.org/dc/elements/1.1/';
const CONTENT = 'http://purl.org/rss/1.0/modules/content/';
const CONVENTIONAL = { [DC]: 'dc', [CONTENT]: 'content', [MEDIA_NS]: 'media' };

/** RSS 2.0 `author` is "email (Name)"; a bare name is taken as a name. */
function rssAuthor(text: string): FeedAuthor | undefined {
  const t = text.trim();
  if (!t) return undefined;
  const open = t.indexOf(' (');
  if (open > 0 && t.endsWith(')') && t.slice(0, open).includes('@')) return { name: t.slice(open + 2, -1).trim() || t.slice(0, open), email: t.slice(0, open) };
  return t.includes('@') && !t.includes(' ') ? { name: t, email: t } : { name: t };
}

/** The dates of an item: pubDate (RFC 822), else dc:date (RFC 3339); a date that does not read is a problem. */
function datesOf(item: XmlNode, q: (uri: string, l: string) => string, problems: FeedItem['problems']) {
  const pub = childText(item, 'pubDate');
  const dc = childText(item, q(DC, 'date'));
  const published = pub ? parseFeedDate(pub) : dc ? parseRfc3339(dc) : undefined;
  if (pub && !published) problems.push({ path: 'pubDate', message: `"${pub.slice(0, 60)}" is not an RFC 822 date` });
  else if (!pub && dc && !published) problems.push({ path: 'dc:date', message: `"${dc.slice(0, 60)}" is not an RFC 3339 date` });
  return { published };
}

/** One RSS 2.0 or 1.0 item, normalised. */
function itemOf(item: XmlNode, q: (uri: string, l: string) => string, rdf: boolean): FeedItem {
  const problems: FeedItem['problems'] = [];
  const guid = rdf ? attr(item, 'rdf:about') : childText(item, 'guid') || undefined;
  const content = childText(item, q(CONTENT, 'encoded'));
  const description = childText(item, 'description');
  const authors = [
    ...nodes(item.author).map((n) => rssAuthor(textOf(n))),
    ...nodes(item[q(DC, 'creator')]).map((n) => (textOf(n).trim() ? { name: textOf(n).trim() } : undefined)),
  ].filter((a): a is FeedAuthor => a !== undefined);
  const categories = [...nodes(item.category), ...nodes(item[q(DC, 'subject')])].map((n) => textOf(n).trim()).filter(Boolean);
  return clean({
    guid,
    link: childText(item, 'link') || undefined,
    title: childText(item, 'title'),
    // With content:encoded, description is the summary; alone, it is the content (as readers show it).
    html: content || description || undefined,
    summary: content && description ? description : undefined,
    ...datesOf(item, q, problems),
    authors,
    categories,
    ...mediaOf(item, q, rssEnclosures(item)),
    problems,
  }) as FeedItem;
}

/** An RSS 2.0 document (`<rss><channel>`) or RSS 1.0 (`<rdf:RDF>`, items beside the channel). */
export function parseRss(doc: XmlNode, rootName: string): ParsedFeed {
  const root = doc[rootName] as XmlNode;
  const rdf = rootName !== 'rss';
  const q = prefixer(root, CONVENTIONAL);
  const channel = nodes(root.channel)[0] ?? {};
  const items = nodes(rdf ? root.item : channel.item).map((i) => itemOf(i, q, rdf));
  return clean({
    format: rdf ? 'rss1' : 'rss2',
    title: childText(channel, 'title') || undefined,
    siteLink: childText(channel, 'link') || undefined,
    language: (childText(channel, 'language') || childText(channel, q(DC, 'language'))) || undefined,
    items,
    skipped: [],
  }) as ParsedFeed;
}
