import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { renderMarkdown } from '../../../shared/content/markdown';
import type { Announcement } from '../../../shared/domain/announcement';
import { makeResanitiser } from '../../../shared/services/resanitise';
import { HOSTILE_MARKDOWN, HOSTILE_STRINGS } from '../../resilience/hostile-corpus';
import { INPUTS } from '../../standards/support/coalition';
import { bangkokSeminar, msp7En, msp7Fr } from '../../support/fixtures';

const withBody = (bodyHtml: string) => ({ id: 'x', bodyHtml }) as Announcement;

describe('the publisher re-sanitiser', () => {
  it('strips script, event handlers and javascript: URLs from stored HTML', () => {
    const clean = makeResanitiser();
    const out = clean(withBody('<p>kept</p><script>alert(1)</script><img src="https://a.example/x.png" onerror="alert(2)"><a href="javascript:alert(3)">x</a>'));
    expect(out.bodyHtml).toContain('<p>kept</p>');
    for (const bad of ['<script', 'alert(', 'onerror', 'javascript:']) expect(out.bodyHtml).not.toContain(bad);
  });

  it("leaves the API's own output of real bodies byte for byte, so deploying it rewrites no feed", () => {
    // Prepare: every Markdown body of the fixtures and the coalition corpus, and arbitrary strings.
    const bodies = [msp7En, msp7Fr, bangkokSeminar, ...Object.values(INPUTS)].map((i) => i.body ?? '');
    const clean = makeResanitiser();
    // Act and assess
    for (const md of bodies) {
      const stored = renderMarkdown(md);
      expect(clean(withBody(stored)).bodyHtml).toBe(stored);
    }
    fc.assert(fc.property(fc.string(), (md) => clean(withBody(renderMarkdown(md))).bodyHtml === renderMarkdown(md)), { numRuns: 300 });
  });

  it('reaches a fixed point on hostile bodies after one pass (misnested tables are re-parsed once)', () => {
    const clean = makeResanitiser();
    for (const md of [...HOSTILE_MARKDOWN, ...HOSTILE_STRINGS]) {
      const once = clean(withBody(renderMarkdown(md))).bodyHtml;
      expect(clean(withBody(once)).bodyHtml).toBe(once);
      // Text that merely reads "javascript:" is fine; an attribute holding it is not.
      for (const bad of ['<script', '="javascript:', 'onerror=']) expect(once.toLowerCase()).not.toContain(bad);
    }
  });

  it('returns the same object when nothing changes, and remembers bodies it has seen', () => {
    const clean = makeResanitiser();
    const a = withBody('<p>fine</p>');
    expect(clean(a)).toBe(a);
    const hostile = withBody('<p onclick="x()">y</p>');
    expect(clean(hostile).bodyHtml).toBe('<p>y</p>');
    expect(clean({ ...hostile, id: 'other' }).bodyHtml).toBe('<p>y</p>');
  });
});
