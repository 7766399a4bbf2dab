import { expect, it } from '@jest/globals';
import fc from 'fast-check';
import type { Announcement } from '../../shared/domain/announcement';
import { renderHome, renderPage } from '../../shared/render/page';
import { socialText } from '../../shared/render/social';
import { SITE } from './support/reach-fixtures';

/**
 * Any text in any field of a page: it stays text. The only markup in a page
 * is Herald's own (plus the stored, sanitised body), one JSON-LD block that
 * parses back to the same title, and meta values that round-trip.
 */
const nasty = fc.constantFrom('&', '<', '>', '"', "'", '</script>', '<!--', '-->', '&amp;', '\u2028', '\u2029', '🇨🇭', 'שלום', '<img src=x onerror=alert(1)>', ' ');
const text = fc.string({ unit: fc.oneof(nasty, fc.string({ minLength: 1, maxLength: 1 })), minLength: 1, maxLength: 30 });

const decode = (s: string) => s.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

// Titles are never blank (the input schema refuses it); everything else may be anything.
it('escapes every field of a permalink page and the home page', () => {
  fc.assert(
    fc.property(fc.record({ title: text.map((t) => `T${t}`), summary: text, alt: text, caption: text, credit: text, author: text, venue: text, doc: text }), (f) => {
      const a: Announcement = {
        id: '0b4a9c3e-1d2f-4a5b-8c7d-000000000001',
        slug: 'x',
        title: f.title,
        summary: f.summary,
        body: '',
        bodyHtml: '<p>body</p>',
        language: 'en',
        tags: ['t'],
        authors: [{ name: f.author }],
        images: [{ url: 'https://www.example.org/a.jpg?x=1&y=2', alt: f.alt, caption: f.caption, credit: f.credit }],
        attachments: [{ url: 'https://www.example.org/a.pdf', title: f.doc, type: 'application/pdf' }],
        event: { start: '2017-09-04T10:00:00', end: '2017-09-06T18:00:00', allDay: false, timeZone: 'Europe/Zurich', venue: f.venue, cancelled: false },
        status: 'published',
        createdAt: '2017-09-04T08:00:00.000Z',
        updatedAt: '2017-09-04T08:00:00.000Z',
        publishedAt: '2017-09-04T08:00:00.000Z',
        version: 1,
        createdBy: 'e',
        updatedBy: 'e',
      };
      for (const html of [renderPage(SITE, a).body, renderHome(SITE, [a], ['site']).body]) {
        expect(html.match(/<script\b/g)).toHaveLength(1);
        expect(html.match(/<\/script>/g)).toHaveLength(1);
        expect(html).not.toMatch(/<img src=x/);
        expect(html.match(/<!--/g)).toBeNull();
      }
      const page = renderPage(SITE, a).body;
      const ld = JSON.parse(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/.exec(page)![1]!) as { name: string; location: { name: string }[] };
      expect(ld.name).toBe(f.title);
      expect(ld.location[0]!.name).toBe(f.venue);
      const og = /<meta property="og:title" content="([^"]*)">/.exec(page)![1]!;
      expect(decode(og)).toBe(f.title);
      expect(decode(/<meta property="og:description" content="([^"]*)">/.exec(page)![1]!)).toBe(socialText(a));
      expect(decode(/<img src="[^"]*" alt="([^"]*)"/.exec(page)![1]!)).toBe(f.alt);
    }),
    { numRuns: 300, seed: 17 },
  );
});
