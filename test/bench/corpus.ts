import type { Announcement } from '../../shared/domain/announcement';
import { renderMarkdown } from '../../shared/content/markdown';

const LANGS = ['en', 'fr', 'es'];
const TAGS = ['msp', 'seminar', 'report', 'statement', 'treaty'];

/**
 * How a corpus is dated: 'spread' one item an hour back from 2030 (years of
 * months), 'busy' one every 10 seconds back from 15 January 2030, so up to
 * 100,000 items all share January 2030, the month of the bench's change.
 */
export type Distribution = 'spread' | 'busy';

/** A realistic announcement: ~2 KB of HTML, a credited photo, a PDF, tags. Deterministic. */
export function benchAnnouncement(i: number, distribution: Distribution = 'spread'): Announcement {
  // Newest first: item 0 is an hour before 2030, item i is i hours earlier, so
  // any corpus of 1,000 or more holds the same full newest month.
  const at = new Date(distribution === 'spread' ? Date.UTC(2030, 0, 1) - (i + 1) * 3_600_000 : Date.UTC(2030, 0, 15) - (i + 1) * 10_000).toISOString();
  const body = [
    `## Seminar report ${i}`,
    'Delegations from **forty states** met at the Palais des Nations in Geneva to review progress on clearance, ',
    'victim assistance and stockpile destruction. The meeting was presided over by an ambassador. ',
    ...Array.from({ length: 8 }, (_, k) => `- Finding ${k}: states reported on [their obligations](https://example.org/doc/${i}/${k}) under Article ${k + 3}.`),
    '',
    '> "Every cluster munition destroyed is a life saved." — closing statement',
    '',
    'Press contact: Jane Doe, +41 22 000 00 00, press@example.org. '.repeat(3),
  ].join('\n');
  return {
    id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
    slug: `seminar-report-${i}`,
    title: `Seminar report ${i}: Bangkok, 16–17 March <Geneva> & partners`,
    summary: 'States parties reviewed clearance and victim assistance; photos (c) CMC.',
    body,
    bodyHtml: renderMarkdown(body),
    language: LANGS[i % LANGS.length]!,
    tags: [TAGS[i % TAGS.length]!, TAGS[(i + 2) % TAGS.length]!],
    authors: [{ name: 'Coalition press office', email: 'press@example.org' }],
    images: [
      {
        url: `https://example.org/photos/${i}.jpg`,
        alt: 'Delegates seated in the assembly hall',
        caption: 'Opening session in Geneva',
        credit: '(c) Loren Persi/ICBL-CMC',
        type: 'image/jpeg',
        length: 245_000,
      },
    ],
    attachments: [{ url: `https://example.org/docs/${i}.pdf`, title: 'Final report (PDF)', type: 'application/pdf', length: 1_200_000 }],
    status: 'published',
    createdAt: at,
    updatedAt: at,
    publishedAt: at,
    version: 1,
    createdBy: 'bench',
    updatedBy: 'bench',
  };
}
