import type { Announcement } from '../domain/announcement';

/** Versions a read-once memo holds before it starts afresh (bounds a rebuild's memory, about 4 KB each). */
const READ_ONCE_SIZE = 20_000;

/**
 * Hands out one object per announcement version for the length of a publish
 * or rebuild: a feed's every document reads its items afresh (the site,
 * language and tag feeds, their archive pages), and the renderers remember
 * their work by object (render/syndicated.ts), so one object per version
 * means each body is re-sanitised and link-rewritten once per run instead of
 * once per document. Keyed by id and version, which name one content (every
 * write bumps the version); the stored HTML is compared too, so an item
 * rewritten in place without a new version is still cleaned afresh.
 */
export function readOnce(clean: (a: Announcement) => Announcement, size = READ_ONCE_SIZE): (a: Announcement) => Announcement {
  const seen = new Map<string, { html: string; hasBody: boolean; value: Announcement }>();
  return (a) => {
    const key = `${a.id}\n${a.version}\n${a.updatedAt}`;
    const hit = seen.get(key);
    // A feed entry's snapshot has no Markdown source: it is not handed out for a full item, nor the reverse.
    if (hit && hit.html === a.bodyHtml && hit.hasBody === ('body' in a)) return hit.value;
    if (seen.size >= size) seen.clear();
    const value = clean(a);
    seen.set(key, { html: a.bodyHtml, hasBody: 'body' in a, value });
    return value;
  };
}
