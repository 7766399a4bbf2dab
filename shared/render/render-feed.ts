import type { Announcement } from '../domain/announcement';
import { feedPrefix } from '../domain/feeds';
import { renderAtom } from './atom';
import { renderCalendar } from './icalendar';
import type { FeedContext } from './feed-context';
import { renderJsonFeed } from './json-feed';
import { renderRss } from './rss';

/** One file of a feed as it goes to the bucket. */
export type FeedFile = { key: string; body: string; contentType: string; cacheControl: string };

/** Feeds change often; readers revalidate with the ETag after a minute. */
export const FEED_CACHE_CONTROL = 'public, max-age=60, must-revalidate';

/** Renders one feed in every format. Pure: no clock, no I/O. */
export function renderFeedFiles(ctx: FeedContext, items: Announcement[]): FeedFile[] {
  const prefix = feedPrefix(ctx.key);
  const file = (name: string, body: string, contentType: string): FeedFile => ({
    key: `${prefix}${name}`,
    body,
    contentType,
    cacheControl: FEED_CACHE_CONTROL,
  });
  return [
    file('rss.xml', renderRss(ctx, items), 'application/rss+xml; charset=utf-8'),
    file('atom.xml', renderAtom(ctx, items), 'application/atom+xml; charset=utf-8'),
    file('feed.json', renderJsonFeed(ctx, items), 'application/feed+json; charset=utf-8'),
    file('events.ics', renderCalendar(ctx, items), 'text/calendar; charset=utf-8'),
  ];
}
