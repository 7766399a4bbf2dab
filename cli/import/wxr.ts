import { parseRfc3339 } from './dates';
import type { FeedImage, FeedItem, ParsedFeed, SkippedItem } from './feed-item';
import { clean } from './media-rss';
import { attr, childText, nodes, prefixer, textOf, type XmlNode } from './xml';

export const WP_NS_PREFIX = 'http://wordpress.org/export/';
const DC = 'http://purl.org/dc/elements/1.1/';
const CONTENT = 'http://purl.org/rss/1.0/modules/content/';
const EXCERPT = 'http://wordpress.org/export/1.2/excerpt/';

/** The wp: prefix of a WXR document, whichever WXR version (1.0 to 1.2) it declares. */
export function wpPrefixOf(root: XmlNode): string | undefined {
  for (const [k, v] of Object.entries(root)) if (k.startsWith('@xmlns:') && typeof v === 'string' && v.startsWith(WP_NS_PREFIX) && !v.includes('excerpt')) return k.slice(7);
  return undefined;
}

/** WordPress's post_date_gmt ("2017-09-04 07:00:00", UTC); the zero date of an unpublished post is none. */
const gmtDate = (s: string): string | undefined => (s && !s.startsWith('0000') ? parseRfc3339(`${s.replace(' ', 'T')}Z`) : undefined);

/**
 * A WordPress export (WXR): published posts become items; drafts, pending,
 * private and trashed posts, pages, attachments and menu items are skipped
 * and reported. Categories and tags both become categories; a post's
 * featured image (_thumbnail_id) is its image, with the attachment's alt
 * text, caption (excerpt) and credit (description).
 */
export function parseWxr(doc: XmlNode): ParsedFeed {
  const root = doc.rss as XmlNode;
  const wp = wpPrefixOf(root)!;
  const q = prefixer(root, { [DC]: 'dc', [CONTENT]: 'content', [EXCERPT]: 'excerpt' });
  const w = (local: string) => `${wp}:${local}`;
  const channel = nodes(root.channel)[0] ?? {};
  const all = nodes(channel.item);
  const meta = (item: XmlNode, key: string) => nodes(item[w('postmeta')]).find((m) => childText(m, w('meta_key')) === key);
  const metaValue = (item: XmlNode, key: string) => { const m = meta(item, key); return m ? childText(m, w('meta_value')) : undefined; };
  const names = new Map(nodes(channel[w('author')]).map((a) => [childText(a, w('author_login')), childText(a, w('author_display_name'))]));
  const attachments = new Map(all.filter((i) => childText(i, w('post_type')) === 'attachment').map((i) => [childText(i, w('post_id')), i]));
  const imageOf = (id: string | undefined): FeedImage | undefined => {
    const a = id ? attachments.get(id) : undefined;
    const url = a ? childText(a, w('attachment_url')) : '';
    if (!a || !url) return undefined;
    return clean({ url, alt: metaValue(a, '_wp_attachment_image_alt') || undefined, caption: childText(a, q(EXCERPT, 'encoded')) || undefined, credit: childText(a, q(CONTENT, 'encoded')) || undefined });
  };
  const items: FeedItem[] = [];
  const skipped: SkippedItem[] = [];
  for (const item of all) {
    const type = childText(item, w('post_type'));
    const status = childText(item, w('status'));
    const title = childText(item, 'title');
    const guid = childText(item, 'guid') || undefined;
    if (type !== 'post') { skipped.push(clean({ title, guid, reason: `a WordPress ${type || 'item'}, not a post` })); continue; }
    if (status !== 'publish') { skipped.push(clean({ title, guid, reason: `a ${status || 'unpublished'} post, not published` })); continue; }
    const problems: FeedItem['problems'] = [];
    const rawDate = childText(item, w('post_date_gmt'));
    const published = gmtDate(rawDate);
    if (!published) problems.push({ path: 'wp:post_date_gmt', message: `"${rawDate.slice(0, 40)}" is not a UTC date` });
    const modified = gmtDate(childText(item, w('post_modified_gmt')));
    const creator = childText(item, q(DC, 'creator'));
    const image = imageOf(metaValue(item, '_thumbnail_id'));
    items.push(clean({
      guid,
      link: childText(item, 'link') || undefined,
      title,
      html: childText(item, q(CONTENT, 'encoded')) || undefined,
      summary: childText(item, q(EXCERPT, 'encoded')) || undefined,
      published,
      updated: modified,
      authors: creator ? [{ name: names.get(creator) || creator }] : [],
      categories: nodes(item.category).filter((c) => ['category', 'post_tag'].includes(attr(c, 'domain') ?? '')).map((c) => textOf(c).trim()).filter(Boolean),
      images: image ? [image] : [],
      files: [],
      problems,
    }) as FeedItem);
  }
  return clean({
    format: 'wxr',
    title: childText(channel, 'title') || undefined,
    siteLink: childText(channel, 'link') || undefined,
    language: childText(channel, 'language') || undefined,
    items,
    skipped,
  }) as ParsedFeed;
}
