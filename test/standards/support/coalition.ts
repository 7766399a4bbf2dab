import type { Announcement, AnnouncementInput } from '../../../shared/domain/announcement';
import { AnnouncementInput as InputSchema } from '../../../shared/domain/announcement';
import { parseOrThrow } from '../../../shared/domain/validation';
import type { FeedKey } from '../../../shared/domain/feeds';
import { feedContext, type SiteInfo } from '../../../shared/render/feed-context';
import { renderFeedFiles, type FeedFile } from '../../../shared/render/render-feed';
import { makeAnnouncementService } from '../../../shared/services/announcement-service';
import { MemoryAnnouncementStore } from './memory-store';

/**
 * The coalition's real-world content (DESIGN.md), stored through the real
 * announcement service: a meeting announcement with a logo and PDFs, seminar
 * reports with credited photos, the same news in French and Spanish, a title
 * with markup characters, and an item edited after it was published.
 */
export const SITE: SiteInfo = {
  siteUrl: 'https://news.example.org',
  siteTitle: 'Cluster Munition Coalition news',
  siteDescription: 'Treaty meetings, seminars, reports & statements',
  siteLanguage: 'en',
  hubs: ['https://pubsubhubbub.appspot.com/', 'https://websub.example.net/hub?topic=cmc&format=all'],
  // The news site's own host, and the coalition's main site where some items live first.
  links: { allowHttp: false, canonicalHosts: ['news.example.org', 'www.example.org'] },
};

const pressOffice = { name: 'CMC Press Office', email: 'media@example.org', url: 'https://www.example.org/press' };

export const INPUTS: Record<string, Partial<AnnouncementInput> & { title: string; language: string }> = {
  msp7: {
    title: 'Seventh Meeting of States Parties opens at the Palais des Nations',
    summary: 'States Parties meet in Geneva on 4-6 September 2017, presided over by an ambassador.',
    body: [
      'The **Seventh Meeting of States Parties** (7MSP) takes place at the Palais des Nations, Geneva, 4–6 September 2017.',
      '',
      'Official documents:',
      '',
      '- [Provisional agenda](https://www.example.org/docs/7msp-agenda.pdf)',
      '- [Brochure: the Convention at a glance](https://www.example.org/docs/ccm-brochure.pdf)',
      '',
      'Press contact: +41 22 920 03 25',
    ].join('\n'),
    language: 'en',
    tags: ['7msp', 'meetings'],
    authors: [pressOffice, { name: 'Amélie Ledoux' }],
    images: [
      { url: 'https://www.example.org/img/7msp-logo.png', alt: 'Logo of the Seventh Meeting of States Parties', length: 18234, width: 400, height: 200 },
    ],
    attachments: [
      { url: 'https://www.example.org/docs/7msp-agenda.pdf', title: 'Provisional agenda', type: 'application/pdf', length: 254301 },
      { url: 'https://www.example.org/docs/ccm-brochure.pdf?lang=en&v=2', title: 'Brochure: the Convention at a glance', type: 'application/pdf' },
    ],
    canonicalUrl: 'https://www.example.org/news?id=7msp&lang=en',
  },
  msp7fr: {
    title: 'Ouverture de la septième Assemblée des États parties à Genève',
    summary: 'Les États parties se réunissent au Palais des Nations du 4 au 6 septembre 2017.',
    body: 'La réunion est présidée par une **ambassadrice**. Contact presse : +41 22 920 03 25',
    language: 'fr',
    tags: ['7msp'],
    authors: [{ name: 'Amélie Ledoux' }],
  },
  bangkok: {
    title: 'Regional seminar in Bangkok: universalising the ban',
    summary: 'Report from the regional seminar held in Bangkok on 16-17 March.',
    body: 'Delegates from twelve countries met in Bangkok.\n\n![Participants](https://www.example.org/img/bangkok-seminar.jpeg)',
    language: 'en',
    tags: ['seminar', 'asia'],
    authors: [pressOffice],
    images: [
      {
        url: 'https://www.example.org/img/bangkok-seminar.jpeg',
        alt: 'Delegates seated around a conference table',
        caption: 'Participants at the regional seminar in Bangkok, 16–17 March.',
        credit: '(c) CMC',
        length: 482113,
        width: 1200,
        height: 800,
      },
    ],
  },
  rakitje: {
    title: 'Rakitje (Croatia) seminar on clearance and victim assistance',
    summary: 'Regional seminar in Rakitje, Croatia, in June.',
    body: 'The seminar in Rakitje brought together survivors, deminers and officials. See the [programme](../../docs/rakitje-programme.pdf).\n\n![Map of the field visit](img/rakitje-map.png)',
    language: 'en',
    tags: ['seminar'],
    authors: [{ name: 'Loren Persi', url: 'https://www.example.org/people/loren-persi' }],
    images: [
      {
        url: 'https://www.example.org/img/rakitje.webp',
        alt: 'A deminer explains a cluster submunition to participants',
        caption: 'Field visit during the Rakitje seminar, Croatia.',
        credit: '(c) Loren Persi/ICBL-CMC',
      },
    ],
  },
  kampala: {
    title: 'Seminario regional en Kampala, 29-30 de mayo',
    summary: 'Informe del seminario regional celebrado en Kampala.',
    body: 'Los participantes adoptaron un plan de acción. Véase el [informe completo](informe.pdf) (PDF).',
    language: 'es',
    tags: ['seminar', 'africa'],
    authors: [pressOffice],
    images: [
      { url: 'https://www.example.org/img/kampala.png', alt: 'Group photo in Kampala', credit: '(c) CMC', type: 'image/png', length: 90210 },
    ],
    attachments: [
      { url: 'https://www.example.org/docs/kampala-report-es.pdf', title: 'Informe del seminario', type: 'application/pdf', length: 1048576 },
    ],
  },
  geneva: {
    title: 'What happens in <Geneva> next week & why "7MSP" matters',
    summary: 'A <short> guide: agenda items 1 & 2, and the ]]> edge of CDATA.',
    body: 'Plain text with a literal &amp; and <em>emphasis</em>.',
    language: 'en',
    tags: ['7msp'],
  },
  // Right to left, with harakat, Arabic-Indic digits, a tag in Arabic and a Latin acronym inside.
  msp7ar: {
    title: 'الاجتماعُ السابع للدول الأطراف (7MSP) في جنيف',
    summary: 'تجتمع الدول الأطراف في قصر الأمم من ٤ إلى ٦ سبتمبر ٢٠١٧.',
    body: 'يُعقد **الاجتماع السابع للدول الأطراف** في جنيف. [جدول الأعمال](https://www.example.org/docs/7msp-agenda-ar.pdf)',
    language: 'ar',
    tags: ['7msp', 'حقوق-الإنسان'],
    authors: [{ name: 'مكتب الصحافة' }],
  },
};

/** Stores every fixture through the service; `geneva` is edited two hours after publication. */
export async function coalitionStore() {
  const store = new MemoryAnnouncementStore();
  let clock = Date.UTC(2017, 8, 1, 9, 0, 0);
  let seq = 0;
  const service = makeAnnouncementService({
    store,
    clock: () => new Date(clock),
    newId: () => `6f1c2a4e-7b1d-4c3e-9a8f-${String(++seq).padStart(12, '0')}`,
  });
  const by = { subject: 'editor', role: 'editor' as const };
  const byKey: Record<string, Announcement> = {};
  for (const [key, input] of Object.entries(INPUTS)) {
    clock += 3_600_000;
    byKey[key] = await service.create(parseOrThrow(InputSchema, { ...input, status: 'published' }), by);
  }
  clock += 2 * 3_600_000;
  const edited = { ...INPUTS.geneva!, summary: 'Updated: a <short> guide to the week.', status: 'published' };
  byKey.geneva = await service.update(byKey.geneva!.id, parseOrThrow(InputSchema, edited), '"v1"', by);
  return { store, byKey };
}

/** The feeds the fixtures fill. */
export const FEED_KEYS: FeedKey[] = ['site', 'lang:en', 'lang:fr', 'lang:es', 'lang:ar', 'tag:7msp', 'tag:seminar', 'tag:حقوق-الإنسان'];

/** Every file of every fixture feed, rendered from the store as the publisher would. */
export async function coalitionFeeds(): Promise<{ files: FeedFile[]; byKey: Record<string, Announcement>; items: Map<FeedKey, Announcement[]> }> {
  const { store, byKey } = await coalitionStore();
  const files: FeedFile[] = [];
  const items = new Map<FeedKey, Announcement[]>();
  for (const key of FEED_KEYS) {
    const latest = await store.latestInFeed(key, 50);
    items.set(key, latest);
    files.push(...renderFeedFiles(feedContext(SITE, key), latest));
  }
  return { files, byKey, items };
}
