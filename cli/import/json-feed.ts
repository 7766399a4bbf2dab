import { parseRfc3339 } from './dates';
import { SourceError, type FeedAuthor, type FeedItem, type ParsedFeed } from './feed-item';
import { clean, fileNameOf } from './media-rss';

type Json = Record<string, unknown>;
const str = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() ? v.trim() : undefined);
const obj = (v: unknown): Json | undefined => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : undefined);
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

/** JSON Feed 1.0's `author` or 1.1's `authors`. */
function authorsOf(o: Json): FeedAuthor[] {
  const all = [...arr(o.authors), ...(o.authors ? [] : [o.author])].map(obj).filter((a): a is Json => !!a);
  return all.flatMap((a) => {
    const name = str(a.name);
    return name ? [clean({ name, url: str(a.url) })] : [];
  });
}

function itemOf(raw: unknown, feedAuthors: FeedAuthor[]): FeedItem {
  const o = obj(raw) ?? {};
  const problems: FeedItem['problems'] = [];
  const date = (field: string) => {
    const v = str(o[field]);
    const at = v ? parseRfc3339(v) : undefined;
    if (v && !at) problems.push({ path: field, message: `"${v.slice(0, 60)}" is not an RFC 3339 date` });
    return at;
  };
  const text = str(o.content_text);
  const images: FeedItem['images'] = [];
  const files: FeedItem['files'] = [];
  const image = str(o.image);
  if (image) images.push({ url: image });
  for (const a of arr(o.attachments).map(obj)) {
    const url = str(a?.url);
    if (!a || !url || url === image) continue;
    const type = str(a.mime_type);
    const size = typeof a.size_in_bytes === 'number' && Number.isInteger(a.size_in_bytes) && a.size_in_bytes > 0 ? a.size_in_bytes : undefined;
    if (type?.startsWith('image/')) images.push(clean({ url, type, length: size, alt: str(a.title) }));
    else files.push(clean({ url, type, length: size, title: str(a.title) ?? fileNameOf(url) }));
  }
  const id = o.id;
  return clean({
    // Ids may be numbers in feeds in the wild; the spec says strings, and a number's text is the same id.
    guid: typeof id === 'number' ? String(id) : str(id),
    link: str(o.url),
    title: str(o.title) ?? '',
    html: str(o.content_html) ?? (text ? text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;') : undefined),
    summary: str(o.summary),
    published: date('date_published'),
    updated: date('date_modified'),
    authors: authorsOf(o).length ? authorsOf(o) : feedAuthors,
    categories: arr(o.tags).map(str).filter((t): t is string => !!t),
    images,
    files,
    language: str(o.language),
    problems,
  }) as FeedItem;
}

/** A JSON Feed 1.0 or 1.1 document (already parsed from JSON). */
export function parseJsonFeed(doc: Json): ParsedFeed {
  const version = str(doc.version);
  if (version !== 'https://jsonfeed.org/version/1' && version !== 'https://jsonfeed.org/version/1.1') {
    throw new SourceError(`not a JSON Feed: version is ${JSON.stringify(doc.version ?? null).slice(0, 80)}, expected https://jsonfeed.org/version/1 or 1.1`);
  }
  if (!Array.isArray(doc.items)) throw new SourceError('not a JSON Feed: items is not an array');
  const feedAuthors = authorsOf(doc);
  return clean({
    format: version.endsWith('1.1') ? 'jsonfeed11' : 'jsonfeed1',
    title: str(doc.title),
    siteLink: str(doc.home_page_url),
    language: str(doc.language),
    items: doc.items.map((i) => itemOf(i, feedAuthors)),
    skipped: [],
  }) as ParsedFeed;
}
