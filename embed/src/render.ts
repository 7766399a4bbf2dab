import { directionOf } from '../../shared/domain/direction';
import type { NewsEvent, NewsFeed, NewsItem } from './feed';

/**
 * DOM for the box, built with createElement and textContent only: no feed
 * string is ever parsed as HTML, and links are the http(s) ones feed.ts kept.
 */
type Attrs = Record<string, string | undefined>;

/** An element with attributes (undefined ones left out), text, and children. */
export function el(tag: string, attrs: Attrs = {}, ...children: (Node | string | undefined)[]): HTMLElement {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) if (v !== undefined) node.setAttribute(k, v);
  for (const c of children) if (c !== undefined) node.append(typeof c === 'string' ? document.createTextNode(c) : c);
  return node;
}

/** lang and dir for text in `language`; dir=auto when the language is unknown. */
const langDir = (language: string | undefined): Attrs => (language ? { lang: language, dir: directionOf(language) } : { dir: 'auto' });

function format(language: string | undefined, options: Intl.DateTimeFormatOptions, iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  try {
    return new Intl.DateTimeFormat(language || undefined, options).format(d);
  } catch {
    return iso.slice(0, 10);
  }
}

const time = (iso: string, text: string) => el('time', { datetime: iso }, text);

function eventLine(e: NewsEvent, language: string | undefined): HTMLElement {
  // All-day events are plain dates; others are instants shown in the event's own zone.
  const opts: Intl.DateTimeFormatOptions = e.allDay
    ? { dateStyle: 'long', timeZone: 'UTC' }
    : { dateStyle: 'long', timeStyle: 'short', timeZone: e.timeZone };
  const at = (iso: string) => time(iso, format(language, opts, e.allDay ? `${iso.slice(0, 10)}T00:00:00Z` : iso));
  const zone = !e.allDay && e.timeZone ? ` (${e.timeZone})` : '';
  return el('p', { part: 'event', class: `meta${e.cancelled ? ' cancelled' : ''}` }, at(e.start), ' – ', at(e.end), zone, e.location ? ` · ${e.location}` : undefined);
}

function itemNode(i: NewsItem, feedLanguage: string | undefined): HTMLElement {
  const language = i.language ?? feedLanguage;
  const title = i.url ? el('a', { href: i.url, part: 'link' }, i.title) : i.title;
  const image = i.image
    ? el('figure', { part: 'figure' }, el('img', { src: i.image.src, alt: i.image.alt, part: 'image', loading: 'lazy' }), i.image.credit ? el('figcaption', { part: 'credit' }, i.image.credit) : undefined)
    : undefined;
  return el(
    'li',
    { part: 'item', ...langDir(i.language ?? feedLanguage) },
    el('h3', { part: 'title' }, title),
    i.published ? el('p', { part: 'date', class: 'meta' }, time(i.published, format(language, { dateStyle: 'long' }, i.published))) : undefined,
    i.event ? eventLine(i.event, language) : undefined,
    image,
    i.summary ? el('p', { part: 'summary' }, i.summary) : undefined,
  );
}

/** The box: the feed's title as a heading (linking home), then the newest `limit` items as a list. */
export function feedNode(feed: NewsFeed, limit: number): HTMLElement {
  const heading = feed.home ? el('a', { href: feed.home, part: 'link' }, feed.title) : feed.title;
  return el(
    'section',
    { part: 'box', ...langDir(feed.language) },
    feed.title ? el('h2', { part: 'heading' }, heading) : undefined,
    el('ul', { part: 'list' }, ...feed.items.slice(0, limit).map((i) => itemNode(i, feed.language))),
  );
}

/** What a box shows when the feed is empty, unreachable or not JSON Feed: a link to it. */
export function fallbackNode(feedUrl: string | undefined, text: string): HTMLElement {
  return el('p', { part: 'fallback' }, feedUrl ? el('a', { href: feedUrl, part: 'link' }, text || feedUrl) : text);
}
