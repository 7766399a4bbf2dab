import type { Announcement, EventInfo, Image } from '../domain/announcement';
import { isoWithOffset, parseWallTime } from '../domain/event-time';
import { oneLine, xmlSafe } from '../domain/text';
import { entryIdOf, type FeedContext } from './feed-context';
import { locationOf } from './location';

/**
 * What a social bot or a link preview needs from an item, decided once for
 * JSON Feed, the pages and the tests: a post-sized plain text, hashtags from
 * the tags, the main image and its alt text. Pure.
 */
export const SOCIAL_MAX = 280;

/**
 * The summary (else the title) as one plain line of at most `max` code
 * points, cut at a word boundary with an ellipsis. Plain text has no
 * entities, and escaping happens after the cut, so no entity is ever split.
 * The text is cut only between graphemes, so a letter keeps its combining
 * marks (Arabic harakat, Devanagari matras) and no surrogate pair is split.
 */
export function socialText(a: Pick<Announcement, 'summary' | 'title'>, max = SOCIAL_MAX): string {
  // A summary of only white space counts as none.
  const text = oneLine(xmlSafe(a.summary)) || oneLine(xmlSafe(a.title));
  if (Array.from(text).length <= max) return text;
  // Whole graphemes while they fit in max - 1 code points (one is kept for the ellipsis).
  const graphemes: string[] = [];
  let points = 0;
  for (const { segment } of GRAPHEMES.segment(text)) {
    const size = Array.from(segment).length;
    if (points + size > max - 1) break;
    graphemes.push(segment);
    points += size;
  }
  const cut = graphemes.join('');
  const endsAtWord = /\s/.test(text.slice(cut.length, cut.length + 1) || ' ');
  const boundary = endsAtWord ? cut.length : cut.search(/\s\S*$/);
  // A word longer than the whole post is the only thing ever cut inside a word.
  const kept = boundary > 0 ? cut.slice(0, boundary) : cut;
  return `${kept.replace(/[\s,;:.\-–—،]+$/, '')}…`;
}

const GRAPHEMES = new Intl.Segmenter('und', { granularity: 'grapheme' });

/**
 * #tag for each tag. Hashtags end at a hyphen, so hyphenated tags are joined:
 * CamelCase where the script has case (#VictimAssistance), an underscore where
 * it has none (#حقوق_الإنسان); Mastodon accepts letters of any script and `_`.
 */
export function hashtagsOf(a: Pick<Announcement, 'tags'>): string[] {
  return a.tags.map((tag) => {
    const parts = tag.split('-').filter(Boolean);
    if (parts.length <= 1) return `#${tag}`;
    const cased = parts.some((p) => p[0]!.toUpperCase() !== p[0]!.toLowerCase());
    return cased ? `#${parts.map((p) => p[0]!.toUpperCase() + p.slice(1)).join('')}` : `#${parts.join('_')}`;
  });
}

/** The image a preview or a bot shows: the first one. */
export function mainImage(a: Pick<Announcement, 'images'>): Image | undefined {
  return a.images[0];
}

/** An event for machines: instants with the zone's offset, so no reader needs a tz database. */
export function eventJson(e: EventInfo) {
  const kind = e.allDay ? 'date' : 'date-time';
  const at = (s: string) => (e.allDay ? s : isoWithOffset(parseWallTime(s, kind)!, e.timeZone));
  return {
    start: at(e.start),
    end: at(e.end),
    all_day: e.allDay,
    time_zone: e.timeZone,
    ...(e.venue ? { venue: e.venue } : {}),
    ...(e.city ? { city: e.city } : {}),
    ...(e.country ? { country: e.country } : {}),
    ...(locationOf(e) ? { location: locationOf(e) } : {}),
    ...(e.onlineUrl ? { online_url: e.onlineUrl } : {}),
    status: e.cancelled ? 'cancelled' : 'scheduled',
  };
}

/**
 * The `_herald` extension object of a JSON Feed item (documented in the
 * README): images with alt/caption/credit, the social text and hashtags,
 * the main image's alt, the event, and the item's translations.
 */
export function heraldExtension(ctx: FeedContext, a: Announcement) {
  const image = mainImage(a);
  const translations = ctx.translations?.get(a.id) ?? [];
  return {
    ...(a.images.length ? { images: a.images.map((i) => ({ url: i.url, alt: i.alt, caption: i.caption, credit: i.credit, width: i.width, height: i.height })) } : {}),
    social_text: socialText(a),
    hashtags: hashtagsOf(a),
    ...(image ? { image_alt: image.alt } : {}),
    ...(a.event ? { event: eventJson(a.event) } : {}),
    ...(translations.length
      ? { translations: translations.map((t) => ({ id: entryIdOf(t), language: t.language, title: t.title, url: t.url })) }
      : {}),
  };
}
