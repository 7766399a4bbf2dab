import type { Announcement } from '../domain/announcement';
import { feedPrefix, scopeOf, type FeedKey } from '../domain/feeds';

/**
 * Everything a renderer needs besides the items: where the feed lives, what
 * it is called, which hubs it advertises. Built from configuration, never
 * from the clock, so rendering stays a pure function.
 */
export type SiteInfo = {
  siteUrl: string;
  siteTitle: string;
  siteDescription: string;
  hubs: string[];
  /** The language of feeds that mix languages (site and tag feeds); 'en' when unset. */
  siteLanguage?: string;
};

export type FeedContext = SiteInfo & {
  key: FeedKey;
  title: string;
  description: string;
  /** The feed's language: a per-language feed's own, else the site's. */
  language: string;
  urls: { rss: string; atom: string; json: string; home: string };
  /**
   * The other-language versions of items, by item id (hreflang alternates).
   * Filled by the publisher from stored state; empty when not given.
   */
  translations?: ReadonlyMap<string, Alternate[]>;
};

/** One language version of an announcement, as feeds and pages link it. */
export type Alternate = { id: string; language: string; title: string; url: string };

export function feedContext(site: SiteInfo, key: FeedKey): FeedContext {
  const scope = scopeOf(key);
  const base = `${site.siteUrl}/${feedPrefix(key)}`;
  const title =
    scope.kind === 'site'
      ? site.siteTitle
      : scope.kind === 'lang'
        ? `${site.siteTitle} (${scope.language})`
        : `${site.siteTitle}: ${scope.tag}`;
  return {
    ...site,
    key,
    title,
    description: site.siteDescription,
    language: scope.kind === 'lang' ? scope.language : (site.siteLanguage ?? 'en'),
    urls: { rss: `${base}rss.xml`, atom: `${base}atom.xml`, json: `${base}feed.json`, home: `${site.siteUrl}/` },
  };
}

/** The page a reader lands on: the editor's canonical URL, else Herald's permalink page. */
export function permalinkOf(siteUrl: string, a: Pick<Announcement, 'canonicalUrl' | 'slug' | 'id'>): string {
  return a.canonicalUrl ?? `${siteUrl}/${pageDirOf(a)}`;
}

/**
 * Herald's own page of an announcement, `news/{slug}-{first 8 of id}/`: slugs
 * are not unique (two "statement" posts), ids are, so the page key is too.
 */
export function pageDirOf(a: Pick<Announcement, 'slug' | 'id'>): string {
  return `news/${a.slug}-${a.id.replace(/-/g, '').slice(0, 8)}/`;
}

/** The taxonomy Herald's tags belong to (RSS category domain, Atom category scheme). */
export function tagSchemeOf(siteUrl: string): string {
  return `${siteUrl}/feeds/tags/`;
}

/** A permanent, never-reused entry id (RFC 4122 URN); the same in every format. */
export function entryIdOf(a: Pick<Announcement, 'id'>): string {
  return `urn:uuid:${a.id}`;
}

/** A feed's updated time: its newest item's, or the epoch when it is empty. */
export function feedUpdated(items: Pick<Announcement, 'updatedAt'>[]): Date {
  const newest = items.reduce((max, a) => (a.updatedAt > max ? a.updatedAt : max), '');
  return new Date(newest || 0);
}
