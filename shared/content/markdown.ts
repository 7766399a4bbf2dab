import { Marked } from 'marked';
import { sanitizeBodyHtml } from './sanitize';

export { sanitizeBodyHtml } from './sanitize';

/**
 * Markdown to the HTML Herald stores and syndicates, through the allowlist in
 * ./sanitize (the security boundary).
 */
const marked = new Marked({ gfm: true, breaks: false, async: false });

/** Renders Markdown and sanitises the result; pure and synchronous. */
export function renderMarkdown(markdown: string): string {
  return sanitizeBodyHtml(marked.parse(markdown) as string);
}
