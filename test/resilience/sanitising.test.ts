import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { renderMarkdown, sanitizeBodyHtml } from '../../shared/content/markdown';
import { AnnouncementInput, httpUrl } from '../../shared/domain/announcement';
import { HOSTILE_MARKDOWN, HOSTILE_STRINGS } from './hostile-corpus';

/**
 * Properties behind the hostile-input corpus, over generated text: whatever
 * an editor sends, what Herald stores is text XML 1.0 can carry and HTML with
 * no active content.
 */
const XML_FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Text with character references to every kind of code point, raw controls and hostile snippets mixed in. */
const hostileText = fc
  .array(
    fc.oneof(
      fc.string({ unit: 'binary', maxLength: 20 }),
      fc.constantFrom(...HOSTILE_STRINGS, ...HOSTILE_MARKDOWN),
      fc.integer({ min: 0, max: 0x10ffff + 2 }).map((n) => `&#${n};`),
      fc.integer({ min: 0, max: 0x10ffff + 2 }).map((n) => `&#x${n.toString(16)};`),
    ),
    { maxLength: 12 },
  )
  .map((parts) => parts.join(' '));

/** Every string inside a value. */
function strings(v: unknown): string[] {
  if (typeof v === 'string') return [v];
  if (Array.isArray(v)) return v.flatMap(strings);
  if (v && typeof v === 'object') return Object.values(v).flatMap(strings);
  return [];
}

describe('what Herald stores is XML-safe and inert', () => {
  it('renders Markdown to HTML without XML-forbidden characters (character references included)', () => {
    expect(renderMarkdown('&#x1; &#xFFFE; &#xB;')).not.toMatch(XML_FORBIDDEN);
    fc.assert(
      fc.property(hostileText, (md) => {
        expect(renderMarkdown(md)).not.toMatch(XML_FORBIDDEN);
        expect(sanitizeBodyHtml(md)).not.toMatch(XML_FORBIDDEN);
      }),
      { seed: 1712, numRuns: 300 },
    );
  });

  it('renders Markdown to HTML with no script, event handler or script URL', () => {
    fc.assert(
      fc.property(hostileText, (md) => {
        const html = renderMarkdown(md);
        expect(html).not.toMatch(/<\s*(script|iframe|object|embed|style|form|base|meta|svg|math)\b/i);
        expect(html).not.toMatch(/<[^>]*\son[a-z]+\s*=/i);
        expect(html).not.toMatch(/<[^>]*\s(href|src)\s*=\s*["']?\s*(javascript|data|vbscript)\s*:/i);
      }),
      { seed: 1713, numRuns: 300 },
    );
  });

  it('refuses any URL carrying a control or XML-forbidden character', () => {
    const bad = fc.constantFrom('\u0000', '\u0001', '\u0008', '\u000B', '\u001F', '\u007F', '\t', '\n', '\uFFFE', '\uD800');
    fc.assert(
      fc.property(bad, fc.nat({ max: 3 }), (c, where) => {
        const url = ['https://example.org/a', 'https://example.org/a?b=c', 'https://example.org/a#f', 'https://example.org/'][where]! + c + 'x';
        expect(httpUrl.safeParse(url).success).toBe(false);
      }),
      { seed: 1714, numRuns: 100 },
    );
    expect(httpUrl.safeParse('https://example.org/a?b=%3Cc%3E&d=%22e%22#top').success).toBe(true);
    expect(httpUrl.safeParse('https://[2001:db8::1]:8443/a').success).toBe(true);
  });

  it('refuses URLs that are not URIs as stored: quotes, angle brackets, spaces, brackets outside the host', () => {
    for (const bad of ['https://example.org/a?b=<c>', 'https://example.org/"onmouseover="alert(1)', 'https://example.org/]]>', 'https://example.org/a b', 'https://example.org/a|b', 'https://example.org/{x}']) {
      expect(`${bad} ${httpUrl.safeParse(bad).success}`).toBe(`${bad} false`);
    }
  });

  it('stores every accepted announcement input without XML-forbidden characters in any field', () => {
    fc.assert(
      fc.property(hostileText, hostileText, (title, text) => {
        const parsed = AnnouncementInput.safeParse({
          title: title || 't',
          summary: text,
          body: text,
          language: 'en',
          authors: [{ name: title || 'n' }],
          images: [{ url: 'https://example.org/i.png', alt: text, caption: text, credit: text }],
        });
        if (parsed.success) for (const value of strings(parsed.data)) expect(value).not.toMatch(XML_FORBIDDEN);
      }),
      { seed: 1715, numRuns: 300 },
    );
  });
});
