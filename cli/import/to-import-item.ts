import sanitizeHtml from 'sanitize-html';
import { Author, httpUrl, MimeType } from '../../shared/domain/announcement';
import { sha256Hex } from '../../shared/hash';
import { slugify } from '../../shared/domain/text';
import type { FeedItem, ParsedFeed } from './feed-item';
import { clean } from './media-rss';

/** What the command line adds to every item. */
export type ImportDefaults = { language?: string; tags: string[]; status: 'draft' | 'published'; oldOrigin?: string };

/** An item ready for `POST /api/import`, or the reasons it cannot be sent. */
export type Prepared = { guid: string; title: string; link?: string; item?: Record<string, unknown>; errors?: { path: string; message: string }[] };

const ENTITIES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'" };

/** HTML as plain text (a summary, a title): tags dropped, the sanitiser's escapes undone. */
export function plainText(html: string): string {
  const text = sanitizeHtml(html, { allowedTags: [], allowedAttributes: {} });
  return text.replace(/&(amp|lt|gt|quot|#39);/g, (e) => ENTITIES[e]!).replace(/\s+/g, ' ').trim();
}

const cut = (s: string | undefined, max: number) => (s === undefined ? undefined : [...s].length > max ? `${[...s].slice(0, max - 1).join('')}…` : s);
const isUrl = (u: string | undefined): u is string => u !== undefined && httpUrl.safeParse(u).success;
const TYPES: Record<string, string> = { pdf: 'application/pdf', doc: 'application/msword', docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', mp3: 'audio/mpeg', mp4: 'video/mp4', zip: 'application/zip' };
const typeOf = (url: string, given?: string) =>
  given && MimeType.safeParse(given.toLowerCase()).success ? given.toLowerCase() : (TYPES[url.split(/[?#]/)[0]!.split('.').pop()?.toLowerCase() ?? ''] ?? 'application/octet-stream');
/** A BCP 47 tag as Herald stores it: primary subtag lowercase ("EN-us" -> "en-us"). */
const languageOf = (tag: string | undefined) => (tag ? tag.trim().replace(/^[A-Za-z]+/, (p) => p.toLowerCase()) : undefined);

/** The origin of a URL, or undefined. */
export function originOf(url: string | undefined): string | undefined {
  try {
    return url ? new URL(url).origin : undefined;
  } catch {
    return undefined;
  }
}

/**
 * One source item as an import item. The guid is the source's, else its link
 * (what readers used as its id), else a hash of its title and date. A link on
 * the old site becomes a redirect, any other link the canonical URL.
 * Categories are slugged into tags; images and files keep alt text, captions
 * and credits (cut to Herald's limits); an image without alt text gets its
 * caption, else the item's title. Problems found while reading are errors.
 */
export function toImportItem(it: FeedItem, feed: ParsedFeed, d: ImportDefaults): Prepared {
  const errors = [...it.problems];
  const title = cut(plainText(it.title) || plainText(it.summary ?? '') || plainText(it.html ?? ''), 300) ?? '';
  const guid = it.guid ?? it.link ?? (it.published ? `urn:sha256:${sha256Hex(`${title}\n${it.published}`)}` : undefined);
  const base = { guid: guid ?? '', title, ...(it.link ? { link: it.link } : {}) };
  if (!guid) errors.push({ path: 'guid', message: 'the item has no id, link or date to derive a stable id from' });
  if (!it.published && !errors.some((e) => e.path !== 'guid')) errors.push({ path: 'published', message: 'the item has no date; without it, it would arrive as new' });
  const language = languageOf(it.language ?? feed.language ?? d.language);
  if (!language) errors.push({ path: 'language', message: 'neither the item nor the feed names a language: pass --language' });
  if (errors.length || !guid || !language || !it.published) return { ...base, errors };
  const tags = [...new Set([...it.categories.map((c) => slugify(c, 40)), ...d.tags.map((t) => slugify(t, 40))].filter(Boolean))].slice(0, 20);
  const authors = it.authors.map((a) => {
    const full = Author.safeParse(a);
    return full.success ? clean(a) : { name: cut(a.name, 200)! };
  }).slice(0, 10);
  const images = it.images.filter((i) => isUrl(i.url)).slice(0, 10).map((i) =>
    clean({ url: i.url, alt: cut(plainText(i.alt ?? i.caption ?? title), 500), caption: cut(i.caption && plainText(i.caption), 1000), credit: cut(i.credit && plainText(i.credit), 300), length: i.length }),
  );
  const attachments = it.files.filter((f) => isUrl(f.url)).slice(0, 20).map((f) =>
    clean({ url: f.url, title: cut(plainText(f.title ?? '') || f.url, 300), type: typeOf(f.url, f.type), length: f.length }),
  );
  const onOldSite = d.oldOrigin !== undefined && originOf(it.link) === d.oldOrigin;
  const item = clean({
    guid,
    title,
    summary: it.summary ? cut(plainText(it.summary), 2000) : undefined,
    html: it.html,
    language,
    tags,
    authors,
    images,
    attachments,
    canonicalUrl: !onOldSite && isUrl(it.link) ? it.link : undefined,
    status: d.status,
    publishedAt: it.published,
    updatedAt: it.updated,
  });
  return { ...base, item };
}

const EXPORT_DROP = ['id', 'bodyHtml', 'version', 'createdBy', 'updatedBy', 'imported', 'retractedAt', 'guid', 'publishedAt', 'updatedAt', 'createdAt'];

/** A line of Herald's own export as an import item: same id (its guid is urn:uuid:id unless it had one), same dates. */
export function exportedItem(a: Record<string, unknown>): Prepared {
  const id = String(a.id);
  const guid = typeof a.guid === 'string' ? a.guid : `urn:uuid:${id}`;
  const title = typeof a.title === 'string' ? a.title : '';
  if (a.status === 'retracted') return { guid, title, errors: [{ path: 'status', message: 'retracted: not imported' }] };
  const rest = Object.fromEntries(Object.entries(a).filter(([k]) => !EXPORT_DROP.includes(k)));
  const at = (k: string) => (typeof a[k] === 'string' ? (a[k] as string) : undefined);
  return { guid, title, item: clean({ ...rest, guid, publishedAt: at('publishedAt') ?? at('createdAt'), updatedAt: at('updatedAt'), createdAt: at('createdAt') }) };
}

