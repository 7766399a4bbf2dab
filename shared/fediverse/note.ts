import { Temporal } from '@js-temporal/polyfill';
import { Hashtag, Image, LanguageString, Note, PUBLIC_COLLECTION } from '@fedify/vocab';
import type { Announcement } from '../domain/announcement';
import { oneLine, xmlSafe } from '../domain/text';
import { permalinkOf, type SiteInfo } from '../render/feed-context';
import { esc, eventWhen } from '../render/html';
import { locationOf } from '../render/location';
import { hashtagsOf } from '../render/social';

/** The tag's feed, where a hashtag on Mastodon leads. */
export const tagFeedUrl = (siteUrl: string, tag: string): string => `${siteUrl}/feeds/tags/${encodeURIComponent(tag)}/rss.xml`;

/** The Note's HTML: the summary, an event's time and place, the permalink, the hashtags as links. */
export function noteHtml(site: SiteInfo, a: Announcement): string {
  const permalink = permalinkOf(site, a);
  const summary = oneLine(xmlSafe(a.summary)) || oneLine(xmlSafe(a.title));
  const parts = [`<p>${esc(summary)}</p>`];
  if (a.event) {
    const where = locationOf(a.event);
    parts.push(`<p>${esc(eventWhen(a.event, a.language))}${where ? `<br>${esc(where)}` : ''}${a.event.cancelled ? '<br>Cancelled' : ''}</p>`);
  }
  parts.push(`<p><a href="${esc(permalink)}">${esc(permalink)}</a></p>`);
  const tags = hashtagsOf(a);
  if (tags.length) {
    const links = tags.map((h, i) => `<a href="${esc(tagFeedUrl(site.siteUrl, a.tags[i]!))}" class="mention hashtag" rel="tag">#<span>${esc(h.slice(1))}</span></a>`);
    parts.push(`<p>${links.join(' ')}</p>`);
  }
  return parts.join('');
}

/** An image's description for screen readers (`name`) and its caption with the credit (`summary`). */
const captionOf = (i: Announcement['images'][number]) => [i.caption, i.credit].filter(Boolean).join(' ') || undefined;

/**
 * An announcement as the Note followers see: content and contentMap in its
 * language, the permalink as url, Hashtag tags, Image attachments with their
 * alt text, published and updated, addressed to the public and the followers.
 * Pure: ids are given, times come from the announcement.
 */
export function announcementNote(site: SiteInfo, a: Announcement, ids: { note: URL; actor: URL; followers: URL }): Note {
  const html = noteHtml(site, a);
  const published = a.publishedAt ?? a.updatedAt;
  return new Note({
    id: ids.note,
    attribution: ids.actor,
    to: PUBLIC_COLLECTION,
    cc: ids.followers,
    name: null,
    contents: [html, new LanguageString(html, a.language)],
    url: new URL(permalinkOf(site, a)),
    published: Temporal.Instant.from(published),
    updated: a.version > 1 && a.updatedAt !== published ? Temporal.Instant.from(a.updatedAt) : null,
    sensitive: false,
    tags: a.tags.map((tag, i) => new Hashtag({ href: new URL(tagFeedUrl(site.siteUrl, tag)), name: hashtagsOf(a)[i]! })),
    attachments: a.images.map(
      (i) =>
        new Image({
          url: new URL(i.url),
          mediaType: i.type ?? null,
          name: i.alt,
          summary: captionOf(i) ?? null,
          width: i.width ?? null,
          height: i.height ?? null,
        }),
    ),
  });
}
