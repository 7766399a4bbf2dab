import { describe, expect, it } from '@jest/globals';
import { renderMarkdown, sanitizeBodyHtml } from '../../../shared/content/markdown';

/** The allowlist is the security boundary between editors' Markdown and every reader. */
describe('renderMarkdown: dangerous elements', () => {
  it.each([
    ['script', 'Before\n\n<script>alert("x")</script>\n\nAfter'],
    ['style', 'Before\n\n<style>body { display: none }</style>\n\nAfter'],
    ['iframe', 'Before\n\n<iframe src="https://evil.example/"></iframe>\n\nAfter'],
  ])('removes %s elements and their content', (tag, markdown) => {
    // Act
    const html = renderMarkdown(markdown);
    // Assess
    expect(html).not.toMatch(new RegExp(`<${tag}`, 'i'));
    expect(html).not.toMatch(/alert|display: none|evil\.example/);
    expect(html).toContain('<p>Before</p>');
    expect(html).toContain('<p>After</p>');
  });

  it('removes on* event handler attributes but keeps the element', () => {
    const html = renderMarkdown('<p onclick="steal()" onmouseover="steal()">Palais des Nations</p>\n\n![logo](https://www.example.org/logo.png)<img src="https://www.example.org/x.png" onerror="steal()">');
    expect(html).not.toMatch(/\son\w+=/i);
    expect(html).not.toContain('steal');
    expect(html).toContain('<p>Palais des Nations</p>');
    expect(html).toContain('<img src="https://www.example.org/logo.png" alt="logo" />');
  });
});

describe('renderMarkdown: links', () => {
  it.each([
    ['javascript:', '[click](javascript:alert(1))'],
    ['javascript: in raw HTML', '<a href="javascript:alert(1)">click</a>'],
    ['mixed-case JavaScript:', '<a href="JaVaScRiPt:alert(1)">click</a>'],
    ['data:', '[click](data:text/html;base64,PHNjcmlwdD4=)'],
  ])('drops %s hrefs and keeps the link text', (_name, markdown) => {
    const html = renderMarkdown(markdown);
    expect(html).not.toMatch(/href=/);
    expect(html).not.toMatch(/javascript|data:/i);
    expect(html).toContain('click');
  });

  it('drops data: image sources', () => {
    expect(renderMarkdown('![x](data:image/png;base64,AAAA)')).not.toContain('data:');
  });

  it('keeps http, https and mailto links', () => {
    const html = renderMarkdown(
      '[agenda](https://www.example.org/agenda.pdf) [old site](http://www.example.org/) [press](mailto:press@example.org)',
    );
    expect(html).toContain('<a href="https://www.example.org/agenda.pdf">agenda</a>');
    expect(html).toContain('<a href="http://www.example.org/">old site</a>');
    expect(html).toContain('<a href="mailto:press@example.org">press</a>');
  });
});

describe('renderMarkdown: structure', () => {
  it('demotes h1 to h2 and keeps lower headings', () => {
    const html = renderMarkdown('# Seventh Meeting of States Parties\n\n## Official documents\n\n### Agenda');
    expect(html).not.toMatch(/<h1/);
    expect(html).toContain('<h2>Seventh Meeting of States Parties</h2>');
    expect(html).toContain('<h2>Official documents</h2>');
    expect(html).toContain('<h3>Agenda</h3>');
  });

  it('escapes text so that "<Geneva>" written as an entity stays text', () => {
    expect(renderMarkdown('Venue: &lt;Geneva&gt; & Bangkok')).toBe('<p>Venue: &lt;Geneva&gt; &amp; Bangkok</p>');
  });

  it('applies the same allowlist to HTML from any source', () => {
    const html = sanitizeBodyHtml('<h1 onclick="x()">T</h1><script>x()</script><a href="javascript:x()">l</a>');
    expect(html).toBe('<h2>T</h2><a>l</a>');
  });
});
