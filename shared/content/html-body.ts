import { sanitizeBodyHtml } from './sanitize';

/**
 * The Markdown body that stands for an imported HTML body. Herald stores a
 * Markdown source and renders it (bodyHtml = renderMarkdown(body)) on every
 * write, so imported HTML is kept as Markdown that renders to exactly the
 * sanitised HTML: the sanitised markup inside one CommonMark HTML block
 * (`<div>` opens it, only a blank line ends it, so nothing inside is read as
 * Markdown; the sanitiser drops the div). Blank lines, which would end the
 * block, are written as a line holding `&#10;`, which decodes back to the
 * same newline (it matters inside <pre>). An editor can later edit the body
 * as HTML-in-Markdown, and the page is what any Markdown body gives.
 */
export function bodyOfHtml(html: string): string {
  const clean = sanitizeBodyHtml(html);
  if (clean === '') return '';
  const noBlankLines = clean.replace(/\r\n?/g, '\n').replace(/\n([ \t]*)\n/g, '\n$1&#10;');
  return `<div>\n${noBlankLines}\n</div>`;
}
