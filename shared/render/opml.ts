import { SITE_FEED, type FeedKey } from '../domain/feeds';
import { feedContext, type SiteInfo } from './feed-context';
import { FEED_CACHE_CONTROL, type OutputFile as FeedFile } from './output-file';
import { emptyEl, parentEl, textEl, XML_DECLARATION } from './xml-writer';

/** Where the list of every feed lives. */
export const OPML_KEY = 'feeds/index.opml';

/**
 * OPML 2.0 subscription list of every feed, one outline per feed (its RSS
 * URL; Atom and JSON Feed sit beside it), site feed first, then languages,
 * then tags. A reader imports it to subscribe to all. Pure: no dateCreated.
 */
export function renderOpml(site: SiteInfo, keys: FeedKey[]): FeedFile {
  const ordered = [...new Set([SITE_FEED, ...keys])].sort(
    (a, b) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0),
  );
  const outlines = ordered.map((key) => {
    const ctx = feedContext(site, key);
    return emptyEl('outline', {
      type: 'rss',
      version: 'RSS2',
      text: ctx.title,
      title: ctx.title,
      xmlUrl: ctx.urls.rss,
      htmlUrl: ctx.urls.home,
      language: ctx.language,
    });
  });
  const head = parentEl('head', {}, [textEl('title', `${site.siteTitle}: all feeds`), textEl('docs', 'http://opml.org/spec2.opml')], '  ');
  const body = parentEl('body', {}, outlines, '  ');
  return {
    key: OPML_KEY,
    body: `${XML_DECLARATION}\n<opml version="2.0">\n  ${head}\n  ${body}\n</opml>\n`,
    contentType: 'text/x-opml; charset=utf-8',
    cacheControl: FEED_CACHE_CONTROL,
  };
}

const rank = (key: FeedKey) => (key === SITE_FEED ? 0 : key.startsWith('lang:') ? 1 : 2);
