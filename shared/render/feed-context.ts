import type { Announcement } from '../domain/announcement';
import { pagePath, type ArchivePage } from '../domain/archive-pages';
import { isolate } from '../domain/direction';
import { feedPrefix, scopeOf, type FeedKey } from '../domain/feeds';
import { canonicalAllowed, defaultLinkPolicy, type LinkPolicy } from '../domain/link-policy';

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
  /** Which links may be written; https only and canonical URLs on the site's host when unset. */
  links?: LinkPolicy;
};

/** The link policy a site renders with. */
export const linkPolicyOf = (site: Pick<SiteInfo, 'siteUrl' | 'links'>): LinkPolicy => site.links ?? defaultLinkPolicy(site.siteUrl);

/** RFC 5005 feed history namespace (fh:archive marks an archive document). */
export const FH = 'http://purl.org/syndication/history/1.0';

/** One document of a feed in each format. */
export type FormatUrls = { rss: string; atom: string; json: string };

export type FeedContext = SiteInfo & {
  key: FeedKey;
  title: string;
  description: string;
  /** The feed's language: a per-language feed's own, else the site's. */
  language: string;
  urls: FormatUrls & { home: string };
  /** RFC 5005 links, set when the feed's older items live in monthly archives. */
  history?: {
    /** Set on an archive document: its page's path under archive/ (pagePath) and the feed it archives. */
    archiveOf?: { path: string; current: FormatUrls };
    /** The archive of older items (prev-archive; JSON Feed next_url). */
    prev?: FormatUrls;
    /** The archive of newer items (next-archive). */
    next?: FormatUrls;
  };
  /**
   * The other-language versions of items, by item id (hreflang alternates).
   * Filled by the publisher from stored state; empty when not given.
   */
  translations?: ReadonlyMap<string, Alternate[]>;
};

/** One language version of an announcement, as feeds and pages link it. */
export type Alternate = { id: string; /** An imported item's old entry id, which feeds name it by. */ guid?: string; language: string; title: string; url: string };

export function feedContext(site: SiteInfo, key: FeedKey): FeedContext {
  const scope = scopeOf(key);
  // Keys are Unicode (a tag in Arabic); URLs carry them percent-encoded, a no-op for ASCII.
  const base = `${site.siteUrl}/${encodeURI(feedPrefix(key))}`;
  const title =
    scope.kind === 'site'
      ? site.siteTitle
      : scope.kind === 'lang'
        ? `${isolate(site.siteTitle)} (${scope.language})`
        : `${isolate(site.siteTitle)}: ${isolate(scope.tag)}`;
  return {
    ...site,
    key,
    title,
    description: site.siteDescription,
    language: scope.kind === 'lang' ? scope.language : (site.siteLanguage ?? 'en'),
    urls: { rss: `${base}rss.xml`, atom: `${base}atom.xml`, json: `${base}feed.json`, home: `${site.siteUrl}/` },
  };
}

/** The month (YYYY-MM, UTC) of an item's first publication: the archive it belongs to. */
export const monthOf = (a: Pick<Announcement, 'publishedAt' | 'updatedAt'>): string => (a.publishedAt ?? a.updatedAt).slice(0, 7);

/** The bucket prefix of one archive page of a feed (`path` a month, or a busy month's later page: pagePath). */
export const archivePrefix = (key: FeedKey, path: string): string => `${feedPrefix(key)}archive/${path}/`;

/** The URLs of one archive page of a feed. */
export function archiveUrls(site: Pick<SiteInfo, 'siteUrl'>, key: FeedKey, path: string): FormatUrls {
  const base = `${site.siteUrl}/${encodeURI(archivePrefix(key, path))}`;
  return { rss: `${base}rss.xml`, atom: `${base}atom.xml`, json: `${base}feed.json` };
}

/**
 * The context of one archive page, linked to its neighbours (their paths) and
 * to the feed. A month's first page is titled as the month's archive always was.
 */
export function archiveContext(site: SiteInfo, key: FeedKey, page: Pick<ArchivePage, 'month' | 'start'>, prev?: string, next?: string): FeedContext {
  const feed = feedContext(site, key);
  const path = pagePath(page);
  const from = page.start ? ` from ${page.start.slice(0, page.start.indexOf('#'))}` : '';
  return {
    ...feed,
    title: `${feed.title} (archive ${page.month}${from})`,
    urls: { ...archiveUrls(site, key, path), home: feed.urls.home },
    history: {
      archiveOf: { path, current: { rss: feed.urls.rss, atom: feed.urls.atom, json: feed.urls.json } },
      prev: prev ? archiveUrls(site, key, prev) : undefined,
      next: next ? archiveUrls(site, key, next) : undefined,
    },
  };
}

/**
 * The page a reader lands on: the editor's canonical URL when the site's link
 * policy allows it (a stored one on a host no longer listed is ignored), else
 * Herald's permalink page. A bare site URL means the default policy.
 */
export function permalinkOf(site: string | Pick<SiteInfo, 'siteUrl' | 'links'>, a: Pick<Announcement, 'canonicalUrl' | 'slug' | 'id'>): string {
  const s = typeof site === 'string' ? { siteUrl: site } : site;
  if (a.canonicalUrl !== undefined && canonicalAllowed(a.canonicalUrl, linkPolicyOf(s))) return a.canonicalUrl;
  return pageUrlOf(s.siteUrl, a);
}

/** Herald's own page of an announcement, whatever its canonical URL: the base its body's relative links resolve against. */
/** The page's URL: the key's slug percent-encoded (a no-op for ASCII slugs, so their URLs never change). */
export const pageUrlOf = (siteUrl: string, a: Pick<Announcement, 'slug' | 'id'>): string => `${siteUrl}/${encodeURI(pageDirOf(a))}`;

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

/**
 * A permanent, never-reused entry id, the same in every format: an imported
 * item's original guid (readers that held the old feed see no duplicate),
 * else an RFC 4122 URN of the id.
 */
export function entryIdOf(a: Pick<Announcement, 'id'> & { guid?: string }): string {
  return a.guid ?? `urn:uuid:${a.id}`;
}

/** A feed's updated time: its newest item's, or the epoch when it is empty. */
export function feedUpdated(items: Pick<Announcement, 'updatedAt'>[]): Date {
  const newest = items.reduce((max, a) => (a.updatedAt > max ? a.updatedAt : max), '');
  return new Date(newest || 0);
}
