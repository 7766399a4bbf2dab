import sanitizeHtml from 'sanitize-html';
import { xmlSafe } from '../domain/text';

/**
 * The allowlist is the security boundary: no script, style or iframe, no
 * event handlers, and links only to http, https and mailto. Kept apart from
 * the Markdown renderer so the publisher, which re-sanitises stored HTML,
 * bundles the sanitiser without the Markdown parser.
 */
export const ALLOWED: sanitizeHtml.IOptions = {
  allowedTags: [
    'p', 'br', 'hr', 'h2', 'h3', 'h4', 'h5', 'h6', 'strong', 'em', 'b', 'i', 'u', 's', 'del',
    'blockquote', 'code', 'pre', 'ul', 'ol', 'li', 'a', 'img', 'figure', 'figcaption',
    'table', 'thead', 'tbody', 'tr', 'th', 'td', 'sup', 'sub', 'abbr',
  ],
  allowedAttributes: {
    a: ['href', 'title', 'hreflang'],
    img: ['src', 'alt', 'title', 'width', 'height'],
    abbr: ['title'],
    th: ['align'],
    td: ['align'],
    ol: ['start'],
  },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowedSchemesByTag: { img: ['http', 'https'] },
  allowProtocolRelative: false,
  disallowedTagsMode: 'discard',
  // No style attribute is allowed, so postcss is never needed (Lambda bundles leave it out).
  parseStyleAttributes: false,
  // A heading level 1 belongs to the page title; demote body headings.
  transformTags: { h1: 'h2' },
};

/** Sanitises HTML from any source with Herald's allowlist; pure and synchronous. */
export function sanitizeBodyHtml(html: string): string {
  // Character references (&#x1;, &#xFFFE;) decode to characters XML cannot carry.
  return xmlSafe(sanitizeHtml(html, ALLOWED)).trim();
}
