import sanitizeHtml from 'sanitize-html';
import { xmlSafe } from '../domain/text';

/** The allowlist every stored, rendered or re-sanitised body goes through. */
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

/** Sanitises HTML from any source with the same allowlist (no Markdown parser in this module's bundle). */
export function sanitizeBodyHtml(html: string): string {
  return xmlSafe(sanitizeHtml(html, ALLOWED)).trim();
}
