import fc from 'fast-check';
import { bodyOfHtml } from '../../../shared/content/html-body';
import { renderMarkdown, sanitizeBodyHtml } from '../../../shared/content/markdown';

/** HTML-ish text: tags Herald allows and refuses, Markdown syntax, blank lines, entities, <pre>. */
const piece = fc.constantFrom(
  '<p>', '</p>', '<pre>', '</pre>', '<code>', '</code>', '<strong>', '</strong>', '<script>', '</script>', '<div>', '</div>',
  '<img src="https://x.example/a.png" alt="a\n\nb">', '<a href="javascript:x">', '<a href="https://x.example/">', '</a>',
  '\n', '\n\n', '\n   \n', '\t', '    ', '# ', '- ', '* ', '1. ', '`', '**', '_', '> ', '|a|b|\n|-|-|', '&amp;', '&#10;', '&lt;', 'é', 'text', ' ',
);

describe('an imported HTML body as Markdown', () => {
  it('renders to exactly the sanitised HTML, whatever Markdown syntax or blank lines it holds', () => {
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 40 }).map((p) => p.join('')), (html) => {
        expect(renderMarkdown(bodyOfHtml(html))).toBe(sanitizeBodyHtml(html));
      }),
      { numRuns: 500 },
    );
  });

  it('keeps blank lines inside <pre> and drops scripts', () => {
    expect(renderMarkdown(bodyOfHtml('<pre>a\n\n\nb</pre><script>x</script>'))).toBe('<pre>a\n\n\nb</pre>');
  });

  it('is empty for an empty or all-refused body', () => {
    expect(bodyOfHtml('<script>x</script>')).toBe('');
  });
});
