import { Marked } from 'marked';
import sanitizeHtml from 'sanitize-html';
import { xmlSafe } from '../domain/text';
import { ALLOWED } from './sanitize';

/**
 * Markdown to the HTML Herald stores and syndicates. The allowlist is the
 * security boundary: no script, style or iframe, no event handlers, and links
 * only to http, https and mailto.
 */
const marked = new Marked({ gfm: true, breaks: false, async: false });

/** Renders Markdown and sanitises the result; pure and synchronous. */
export function renderMarkdown(markdown: string): string {
  const html = marked.parse(markdown) as string;
  // Character references (&#x1;, &#xFFFE;) decode to characters XML cannot carry.
  return xmlSafe(sanitizeHtml(html, ALLOWED)).trim();
}

// Re-exported: sanitize.ts holds it without marked, for bundles that only re-sanitise (the publisher).
export { sanitizeBodyHtml } from './sanitize';
