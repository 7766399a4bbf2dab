import type { FeedFile, FeedImage } from './feed-item';
import { attr, childText, list, nodes, type XmlNode } from './xml';

export const MEDIA_NS = 'http://search.yahoo.com/mrss/';

const positive = (s: string | undefined): number | undefined => {
  const n = Number(s);
  return Number.isInteger(n) && n > 0 ? n : undefined;
};
const isImage = (type: string | undefined, medium: string | undefined, url: string) =>
  medium === 'image' || type?.startsWith('image/') === true || (!type && !medium && /\.(jpe?g|png|gif|webp|avif)$/i.test(url.split(/[?#]/)[0]!));

/** The last path segment of a URL, as a file's title when the source gives none. */
export function fileNameOf(url: string): string {
  try {
    return decodeURIComponent(new URL(url).pathname.split('/').filter(Boolean).pop() ?? url);
  } catch {
    return url;
  }
}

/**
 * The images and files of an item from Media RSS (media:content, alone or in
 * media:group; alt from media:text, caption from media:description, credit
 * from media:credit, inherited from the group or the item when the content
 * has none) and from enclosures; a URL given twice is kept once.
 */
export function mediaOf(item: XmlNode, q: (uri: string, local: string) => string, enclosures: { url: string; type?: string; length?: number; title?: string }[]): { images: FeedImage[]; files: FeedFile[] } {
  const m = (local: string) => q(MEDIA_NS, local);
  const images: FeedImage[] = [];
  const files: FeedFile[] = [];
  const seen = new Set<string>();
  const describe = (n: XmlNode, field: string) => childText(n, m(field)) || undefined;
  const take = (content: XmlNode, ...parents: XmlNode[]) => {
    const url = attr(content, 'url');
    if (!url || seen.has(url)) return;
    seen.add(url);
    const from = (field: string) => [content, ...parents].map((n) => describe(n, field)).find((v) => v !== undefined);
    const type = attr(content, 'type');
    const length = positive(attr(content, 'fileSize'));
    if (isImage(type, attr(content, 'medium'), url)) {
      images.push(clean({ url, alt: from('text'), caption: from('description'), credit: from('credit'), type, length }));
    } else {
      files.push(clean({ url, title: from('title') ?? fileNameOf(url), type, length }));
    }
  };
  const own = nodes(item[m('content')]);
  // Item-level descriptions belong to its media only when there is exactly one.
  const single = own.length + nodes(item[m('group')]).length === 1 ? [item] : [];
  for (const c of own) take(c, ...single);
  for (const g of nodes(item[m('group')])) for (const c of nodes(g[m('content')])) take(c, g, ...single);
  for (const e of enclosures) {
    if (seen.has(e.url)) continue;
    seen.add(e.url);
    if (isImage(e.type, undefined, e.url)) images.push(clean({ url: e.url, type: e.type, length: e.length }));
    else files.push(clean({ url: e.url, title: e.title ?? fileNameOf(e.url), type: e.type, length: e.length }));
  }
  return { images, files };
}

/** RSS enclosures: url, type and a length that is a real size (0 or missing is dropped). */
export const rssEnclosures = (item: XmlNode) =>
  list(item.enclosure).flatMap((e) => {
    const url = attr(e, 'url');
    return url ? [clean({ url, type: attr(e, 'type'), length: positive(attr(e, 'length')) })] : [];
  });

/** The object without its undefined fields, so results compare and serialise cleanly. */
export function clean<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}
