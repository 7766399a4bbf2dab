/**
 * The HTML a partner site pastes to show a feed's latest announcements: the
 * news box (embed/) and its iframe variant, written once for the home page
 * (shared/render/page-home.ts), the editor's Embed screen and the README's
 * example. Plain strings, escaped by whoever shows them. Pure.
 */
export interface EmbedSnippets {
  /** The script tag and the element, then a <noscript> link for readers without JavaScript. */
  readonly script: string;
  /** The iframe variant, for hosts that allow no scripts. */
  readonly iframe: string;
}

/** Escapes an attribute value of the snippet itself (the snippet is HTML the partner pastes). */
const attr = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** The snippets for the JSON Feed at `feedUrl` (titled `title`, its home page `home`) on the site at `siteUrl`. */
export function embedSnippets(siteUrl: string, feedUrl: string, title: string, home: string, limit = 5): EmbedSnippets {
  const frame = `${siteUrl}/embed/latest.html?feed=${encodeURIComponent(feedUrl)}&limit=${limit}`;
  return {
    script: [
      `<script type="module" src="${attr(`${siteUrl}/embed/herald-news.js`)}"></script>`,
      `<herald-news feed="${attr(feedUrl)}" limit="${limit}"></herald-news>`,
      `<noscript><a href="${attr(home)}">${attr(title)}</a></noscript>`,
    ].join('\n'),
    iframe: `<iframe src="${attr(frame)}" title="${attr(title)}" width="400" height="600" loading="lazy"></iframe>`,
  };
}
