import type { Announcement, AnnouncementInput } from '../../shared/domain/announcement';
import type { SiteInfo } from '../../shared/render/feed-context';
import { makeAnnouncementService } from '../../shared/services/announcement-service';
import type { Principal } from '../../shared/services/token-verifier';
import { InMemoryAnnouncementStore, pinnedClock, sequentialIds } from './fakes';

/**
 * Realistic announcements, after the coalition news page Herald was designed
 * around: a treaty meeting in three languages, seminar reports with photo
 * captions and credits, PDF documents, a press contact. Each is a complete
 * `AnnouncementInput` (defaults spelled out) and also a valid request body.
 */

/** The site every renderer and publisher test uses; the second hub has an `&`. */
export const SITE: SiteInfo = {
  siteUrl: 'https://news.example.org',
  siteTitle: 'Cluster Munition Coalition',
  siteDescription: 'News from the Cluster Munition Coalition',
  hubs: ['https://pubsubhubbub.appspot.com/', 'https://websub.example.net/hub?topic=cmc&mode=push'],
  // The coalition's main site may hold an item's canonical page.
  links: { allowHttp: false, canonicalHosts: ['news.example.org', 'www.example.org'] },
};

export const EDITOR: Principal = { subject: 'editor@example.org', role: 'editor' };

const PRESS_CONTACT =
  'For interviews contact Jane Doe, media officer, on +41 22 920 03 25 or [press@example.org](mailto:press@example.org).';

export const msp7En: AnnouncementInput = {
  title: 'Seventh Meeting of States Parties',
  summary:
    'States Parties meet on 4-6 September 2017 at the Palais des Nations, Geneva, presided over by Ambassador Michael Biontino of Germany.',
  body: [
    '# Seventh Meeting of States Parties',
    '',
    'The Seventh Meeting of States Parties (7MSP) to the Convention on Cluster Munitions takes place on **4-6 September 2017** at the Palais des Nations, Geneva.',
    '',
    '## Official documents',
    '',
    '- [Provisional agenda](https://www.example.org/7msp/agenda.pdf)',
    '- [Provisional programme of work](https://www.example.org/7msp/programme.pdf)',
    '- [Campaigner brochure](https://www.example.org/7msp/brochure.pdf)',
    '',
    PRESS_CONTACT,
  ].join('\n'),
  language: 'en',
  tags: ['msp', '7msp'],
  authors: [{ name: 'CMC Communications', email: 'press@example.org', url: 'https://www.example.org/about' }],
  images: [
    {
      url: 'https://www.example.org/img/7msp-logo.png',
      alt: '7MSP logo',
      caption: 'The logo of the Seventh Meeting of States Parties',
      credit: '(c) CMC',
      type: 'image/png',
      width: 600,
      height: 400,
    },
  ],
  attachments: [
    { url: 'https://www.example.org/7msp/agenda.pdf', title: 'Provisional agenda', type: 'application/pdf', length: 182_044 },
    { url: 'https://www.example.org/7msp/brochure.pdf', title: 'Campaigner brochure', type: 'application/pdf', length: 2_412_554 },
  ],
  status: 'published',
};

export const msp7Fr: AnnouncementInput = {
  ...msp7En,
  title: 'Septième Assemblée des États parties',
  summary: 'Les États parties se réunissent du 4 au 6 septembre 2017 au Palais des Nations, à Genève.',
  body: 'La Septième Assemblée des États parties (7AEP) se tient au **Palais des Nations**, à Genève.',
  language: 'fr',
  slug: 'septieme-assemblee-des-etats-parties',
};

export const msp7Es: AnnouncementInput = {
  ...msp7En,
  title: 'Séptima Reunión de los Estados Parte',
  summary: 'Los Estados Parte se reúnen del 4 al 6 de septiembre de 2017 en el Palacio de las Naciones, Ginebra.',
  body: 'La Séptima Reunión de los Estados Parte se celebra en el **Palacio de las Naciones**, Ginebra.',
  language: 'es',
};

const seminar = (place: string, dates: string, credit: string, slugHint: string): AnnouncementInput => ({
  title: `Regional seminar in ${place}`,
  summary: `Government officials and campaigners met in ${place} on ${dates} to promote universalisation of the Convention on Cluster Munitions.`,
  body: `Report of the seminar held in ${place}, ${dates}.\n\n![Participants](https://www.example.org/img/${slugHint}.jpg "Participants")\n\n${PRESS_CONTACT}`,
  language: 'en',
  tags: ['seminar'],
  authors: [{ name: 'Loren Persi' }],
  images: [
    {
      url: `https://www.example.org/img/${slugHint}.jpg`,
      alt: `Participants of the ${place} seminar`,
      caption: `Participants of the regional seminar in ${place}, ${dates}`,
      credit,
      type: 'image/jpeg',
      length: 348_120,
    },
  ],
  attachments: [
    { url: `https://www.example.org/reports/${slugHint}.pdf`, title: `${place} seminar report`, type: 'application/pdf', length: 96_310 },
  ],
  status: 'published',
});

export const bangkokSeminar = seminar('Bangkok', '16-17 March', '(c) Loren Persi/ICBL-CMC', 'bangkok');
export const rakitjeSeminar = seminar('Rakitje (Croatia)', 'June', '(c) CMC', 'rakitje');
export const kampalaSeminar = seminar('Kampala', '29-30 May', '(c) Loren Persi/ICBL-CMC', 'kampala');

/** Not yet public: must never appear in any feed. */
export const draftStatement: AnnouncementInput = {
  title: 'Draft statement on new use of cluster munitions',
  summary: 'Not for publication yet.',
  body: 'Embargoed until the report launch.',
  language: 'en',
  tags: ['statement', 'msp'],
  authors: [],
  images: [],
  attachments: [],
  status: 'draft',
};

/** A fresh service over fakes, with a clock the caller can move. */
export function serviceWithFakes(at = '2017-09-01T08:00:00.000Z', store = new InMemoryAnnouncementStore()) {
  const clock = pinnedClock(at);
  const newId = sequentialIds();
  return { store, clock, service: makeAnnouncementService({ store, clock, newId }) };
}

/**
 * Stores `inputs` as announcements through the real service, one hour apart
 * from `start` (so the last is the newest), with ids 1, 2, 3 … Deterministic.
 */
export async function storeAll(
  inputs: AnnouncementInput[],
  start = '2017-09-01T08:00:00.000Z',
): Promise<{ store: InMemoryAnnouncementStore; stored: Announcement[] }> {
  const { store, clock, service } = serviceWithFakes(start);
  const stored: Announcement[] = [];
  for (const input of inputs) {
    stored.push(await service.create(input, EDITOR));
    clock.advance(60 * 60 * 1000);
  }
  return { store, stored };
}

/** One input as the stored announcement, created at `at` with id 1. */
export async function stored(input: AnnouncementInput, at = '2017-09-01T08:00:00.000Z'): Promise<Announcement> {
  const { service } = serviceWithFakes(at);
  return service.create(input, EDITOR);
}
