import type { Announcement } from '../domain/announcement';
import { feedPrefix } from '../domain/feeds';
import { renderAtom } from './atom';
import { renderCalendar } from './icalendar';
import { archivePrefix, type FeedContext } from './feed-context';
import { renderJsonFeed } from './json-feed';
import { ARCHIVE_CACHE_CONTROL, FEED_CACHE_CONTROL, type OutputFile } from './output-file';
import { renderRss } from './rss';

/** One file of a feed as it goes to the bucket. */
export type FeedFile = OutputFile;

/** The files of one feed document, in the order renderFeedFiles returns them: their keys are known before rendering. */
export const FEED_FILE_NAMES = ['rss.xml', 'atom.xml', 'feed.json', 'events.ics'] as const;

/**
 * Renders one feed document (the feed, or one archive page) in every
 * format. Pure: no clock, no I/O; `closed` marks an archive page that is no longer the feed's newest.
 */
export function renderFeedFiles(ctx: FeedContext, items: Announcement[], options: { closed?: boolean } = {}): FeedFile[] {
  const path = ctx.history?.archiveOf?.path;
  const prefix = path ? archivePrefix(ctx.key, path) : feedPrefix(ctx.key);
  const cacheControl = path && options.closed ? ARCHIVE_CACHE_CONTROL : FEED_CACHE_CONTROL;
  const file = (name: string, body: string, contentType: string): FeedFile => ({
    key: `${prefix}${name}`,
    body,
    contentType,
    cacheControl,
  });
  return [
    file(FEED_FILE_NAMES[0], renderRss(ctx, items), 'application/rss+xml; charset=utf-8'),
    file(FEED_FILE_NAMES[1], renderAtom(ctx, items), 'application/atom+xml; charset=utf-8'),
    file(FEED_FILE_NAMES[2], renderJsonFeed(ctx, items), 'application/feed+json; charset=utf-8'),
    file(FEED_FILE_NAMES[3], renderCalendar(ctx, items), 'text/calendar; charset=utf-8'),
  ];
}
