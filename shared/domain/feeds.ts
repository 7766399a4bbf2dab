import type { Announcement } from './announcement';

/**
 * Which feeds exist and which an announcement belongs to. A feed is named by a
 * key ("site", "lang:fr", "tag:msp") that maps to one prefix in the bucket.
 */
export type FeedKey = string;
export type FeedScope =
  | { kind: 'site' }
  | { kind: 'lang'; language: string }
  | { kind: 'tag'; tag: string };

export const SITE_FEED: FeedKey = 'site';

export function feedKeyOf(scope: FeedScope): FeedKey {
  switch (scope.kind) {
    case 'site':
      return SITE_FEED;
    case 'lang':
      return `lang:${scope.language}`;
    case 'tag':
      return `tag:${scope.tag}`;
  }
}

export function scopeOf(key: FeedKey): FeedScope {
  if (key === SITE_FEED) return { kind: 'site' };
  const [kind, value] = [key.slice(0, key.indexOf(':')), key.slice(key.indexOf(':') + 1)];
  if (kind === 'lang' && value) return { kind: 'lang', language: value };
  if (kind === 'tag' && value) return { kind: 'tag', tag: value };
  throw new Error(`unknown feed key ${key}`);
}

/** The bucket prefix (no leading slash) under which a feed's files live. */
export function feedPrefix(key: FeedKey): string {
  const scope = scopeOf(key);
  switch (scope.kind) {
    case 'site':
      return 'feeds/';
    case 'lang':
      return `feeds/${scope.language}/`;
    case 'tag':
      return `feeds/tags/${scope.tag}/`;
  }
}

/** Only published announcements are in feeds; drafts and retractions are in none. */
export function isPublic(a: Pick<Announcement, 'status'> | undefined): boolean {
  return a?.status === 'published';
}

/** The feeds an announcement appears in, given its current state. */
export function feedsOf(a: Pick<Announcement, 'status' | 'language' | 'tags'> | undefined): FeedKey[] {
  if (!a || !isPublic(a)) return [];
  return [
    SITE_FEED,
    feedKeyOf({ kind: 'lang', language: a.language }),
    ...a.tags.map((tag) => feedKeyOf({ kind: 'tag', tag })),
  ];
}
