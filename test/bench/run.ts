/**
 * `npm run bench`: render time of Herald's three formats for 50 realistic
 * announcements (about 2 KB of HTML each, with images, documents and tags),
 * beside the bare `feed` package rendering the same items, as a ratio.
 * Target (issue 3): Herald's full render <= 1.5x bare `feed`.
 */
import { Feed } from 'feed';
import type { Announcement } from '../../shared/domain/announcement';
import { renderMarkdown } from '../../shared/content/markdown';
import { feedContext, permalinkOf } from '../../shared/render/feed-context';
import { renderFeedFiles } from '../../shared/render/render-feed';
import { SITE } from '../standards/support/coalition';

const paragraph =
  'Delegations from more than 100 States met at the Palais des Nations in Geneva for the Seventh Meeting of States Parties, ' +
  'presided over by an ambassador, to review progress on clearance, stockpile destruction and victim assistance. ';
const body = [
  `## Seminar report ${'&'} outcomes`,
  paragraph.repeat(4),
  '- [Provisional agenda](https://www.example.org/docs/7msp-agenda.pdf)\n- [Brochure](https://www.example.org/docs/ccm-brochure.pdf)',
  paragraph.repeat(4),
  '![Participants](https://www.example.org/img/bangkok-seminar.jpeg)',
].join('\n\n');
const bodyHtml = renderMarkdown(body);

const items: Announcement[] = Array.from({ length: 50 }, (_, i) => {
  const at = new Date(Date.UTC(2017, 8, 4, 8, i)).toISOString();
  return {
    id: `6f1c2a4e-7b1d-4c3e-9a8f-${String(i).padStart(12, '0')}`,
    slug: `seminar-report-${i}`,
    title: `Regional seminar report ${i}: Bangkok, Rakitje (Croatia) & Kampala`,
    summary: 'Report from the regional seminars, with photos and documents.',
    body,
    bodyHtml,
    language: ['en', 'fr', 'es'][i % 3]!,
    tags: ['seminar', '7msp', 'asia'],
    authors: [{ name: 'CMC Press Office', email: 'media@example.org', url: 'https://www.example.org/press' }],
    images: [
      { url: 'https://www.example.org/img/bangkok-seminar.jpeg', alt: 'Delegates', caption: 'Participants in Bangkok, 16-17 March.', credit: '(c) CMC', length: 482113 },
      { url: 'https://www.example.org/img/rakitje.webp', alt: 'Field visit', caption: 'Rakitje, Croatia.', credit: '(c) Loren Persi/ICBL-CMC' },
    ],
    attachments: [{ url: 'https://www.example.org/docs/report.pdf', title: 'Full report', type: 'application/pdf', length: 1048576 }],
    status: 'published',
    createdAt: at,
    updatedAt: at,
    publishedAt: at,
    version: 1,
    createdBy: 'e',
    updatedBy: 'e',
  };
});

const ctx = feedContext(SITE, 'site');

function herald(): number {
  return renderFeedFiles(ctx, items).reduce((n, f) => n + f.body.length, 0);
}

function bareFeed(): number {
  const feed = new Feed({ title: ctx.title, description: ctx.description, id: ctx.urls.home, link: ctx.urls.home, language: ctx.language, updated: new Date(items[0]!.updatedAt), copyright: '', feedLinks: { atom: ctx.urls.atom, json: ctx.urls.json }, hub: SITE.hubs[0] });
  for (const a of items) {
    feed.addItem({
      title: a.title,
      id: `urn:uuid:${a.id}`,
      link: permalinkOf(SITE.siteUrl, a),
      date: new Date(a.updatedAt),
      published: new Date(a.publishedAt!),
      description: a.summary,
      content: a.bodyHtml,
      author: a.authors.map((p) => ({ name: p.name, email: p.email, link: p.url })),
      category: a.tags.map((t) => ({ name: t, term: t })),
      image: a.images[0]?.url,
      enclosure: { url: a.attachments[0]!.url, type: a.attachments[0]!.type, length: a.attachments[0]!.length },
    });
  }
  return feed.rss2().length + feed.atom1().length + feed.json1().length;
}

/** Medians of interleaved rounds, so load from other processes hits both sides alike. */
function compare(rounds: number) {
  const samples = { herald: [] as number[], feed: [] as number[] };
  const bytes = { herald: 0, feed: 0 };
  const run = (name: 'herald' | 'feed', fn: () => number) => {
    const t0 = process.hrtime.bigint();
    bytes[name] = fn();
    samples[name].push(Number(process.hrtime.bigint() - t0) / 1e6);
  };
  for (let i = 0; i < 20; i++) (herald(), bareFeed()); // warm-up
  for (let i = 0; i < rounds; i++) {
    if (i % 2) (run('herald', herald), run('feed', bareFeed));
    else (run('feed', bareFeed), run('herald', herald));
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  return { herald: { ms: median(samples.herald), bytes: bytes.herald }, feed: { ms: median(samples.feed), bytes: bytes.feed } };
}

const rounds = Number(process.env.BENCH_ROUNDS ?? 300);
const { herald: h, feed: f } = compare(rounds);
console.log(`50 announcements, ${(bodyHtml.length / 1024).toFixed(1)} KB of HTML each, RSS + Atom + JSON Feed, median of ${rounds} interleaved rounds`);
console.log(`herald     ${h.ms.toFixed(2)} ms  (${(h.bytes / 1024).toFixed(0)} KB out)`);
console.log(`bare feed  ${f.ms.toFixed(2)} ms  (${(f.bytes / 1024).toFixed(0)} KB out)`);
console.log(`ratio      ${(h.ms / f.ms).toFixed(2)}x  (target <= 1.5x)`);
