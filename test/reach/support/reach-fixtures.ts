import type { Announcement, AnnouncementInput } from '../../../shared/domain/announcement';
import { AnnouncementInput as InputSchema } from '../../../shared/domain/announcement';
import { parseOrThrow } from '../../../shared/domain/validation';
import type { SiteInfo } from '../../../shared/render/feed-context';
import { makeAnnouncementService } from '../../../shared/services/announcement-service';
import { INPUTS } from '../../standards/support/coalition';
import { MemoryAnnouncementStore, MemoryObjectStore } from '../../standards/support/memory-store';

/**
 * The coalition content of DESIGN.md with what issue 5 adds: the Seventh
 * Meeting of States Parties as an event (4-6 September 2017, Palais des
 * Nations, Geneva, Europe/Zurich), edited once so its SEQUENCE rises; the
 * Bangkok seminar as an all-day event; a called-off webinar; the French and
 * Spanish versions of the meeting news linked as translations.
 */
export const SITE: SiteInfo = {
  siteUrl: 'https://news.example.org',
  siteTitle: 'Cluster Munition Coalition news',
  siteDescription: 'Treaty meetings, seminars, reports & statements',
  siteLanguage: 'en',
  hubs: [],
};

export const MEETING_EVENT = {
  start: '2017-09-04T10:00',
  end: '2017-09-06T18:00',
  timeZone: 'Europe/Zurich',
  venue: 'Palais des Nations',
  city: 'Geneva',
  country: 'Switzerland',
};

type Input = Partial<AnnouncementInput> & { title: string; language: string };

export const REACH_INPUTS: Record<string, Input> = {
  msp7: { ...INPUTS.msp7!, canonicalUrl: undefined, event: MEETING_EVENT as AnnouncementInput['event'] },
  msp7fr: { ...INPUTS.msp7fr!, tags: ['7msp'] },
  msp7es: {
    title: 'Se inaugura la Séptima Reunión de los Estados Partes en Ginebra',
    summary: 'Los Estados Partes se reúnen en el Palacio de las Naciones del 4 al 6 de septiembre de 2017.',
    body: 'La reunión está presidida por una embajadora.',
    language: 'es',
    tags: ['7msp'],
  },
  bangkok: {
    ...INPUTS.bangkok!,
    event: { start: '2017-03-16', end: '2017-03-17', allDay: true, timeZone: 'Asia/Bangkok', city: 'Bangkok', country: 'Thailand' } as AnnouncementInput['event'],
  },
  rakitje: INPUTS.rakitje!,
  webinar: {
    title: 'Webinar: survivors speak (called off)',
    summary: 'The online briefing planned for 20 June is cancelled.',
    language: 'en',
    tags: ['seminar'],
    event: { start: '2017-06-20T15:00', end: '2017-06-20T16:30', timeZone: 'UTC', onlineUrl: 'https://meet.example.org/cmc?room=1&lang=en', cancelled: true } as AnnouncementInput['event'],
  },
  geneva: INPUTS.geneva!,
};

/** Creates every fixture through the real service (clock pinned), then edits the meeting once. */
export async function reachStore() {
  const store = new MemoryAnnouncementStore();
  let clock = Date.UTC(2017, 8, 1, 9, 0, 0);
  let seq = 0;
  const service = makeAnnouncementService({
    store,
    clock: () => new Date(clock),
    // Ids differ in their first 8 hex digits, as random UUIDs do (page keys use them).
    newId: () => `${(0x6f1c2a4e + ++seq * 0x1011).toString(16)}-7b1d-4c3e-9a8f-${String(seq).padStart(12, '0')}`,
  });
  const by = { subject: 'editor', role: 'editor' as const };
  const byKey: Record<string, Announcement> = {};
  for (const [key, input] of Object.entries(REACH_INPUTS)) {
    clock += 3_600_000;
    const translationOf = key === 'msp7fr' || key === 'msp7es' ? byKey.msp7!.id : undefined;
    byKey[key] = await service.create(parseOrThrow(InputSchema, { ...input, translationOf, status: 'published' }), by);
  }
  clock += 3_600_000;
  const { status: _s, slug: _slug, ...rest } = byKey.msp7!;
  const edited = { ...REACH_INPUTS.msp7!, summary: `${rest.summary} Updated agenda.`, status: 'published' };
  byKey.msp7 = await service.update(byKey.msp7!.id, parseOrThrow(InputSchema, edited), '"v1"', by);
  return { store, byKey, service, by, advance: (ms: number) => (clock += ms) };
}

export { MemoryAnnouncementStore, MemoryObjectStore };
