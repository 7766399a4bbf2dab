import { describe, expect, it } from '@jest/globals';
import type { AnnouncementInput } from '../../../shared/domain/announcement';
import type { HeraldError } from '../../../shared/domain/errors';
import type { Media } from '../../../shared/domain/media';
import { makeAnnouncementService } from '../../../shared/services/announcement-service';
import { makeMediaFacts, mediaRefOf } from '../../../shared/services/media-facts';
import { InMemoryAnnouncementStore, pinnedClock, sequentialIds } from '../../support/fakes';
import { EDITOR, msp7En } from '../../support/fixtures';

const SITE = 'https://news.example.org';
const PHOTO = '0b5c1b2e-1111-4a4a-8a8a-000000000001';
const REPORT = '0b5c1b2e-2222-4a4a-8a8a-000000000002';
const PENDING = '0b5c1b2e-3333-4a4a-8a8a-000000000003';
const UNKNOWN = '0b5c1b2e-4444-4a4a-8a8a-000000000004';
const url = (id: string, file: string) => `${SITE}/media/${id}/${file}`;

const photo: Media = {
  id: PHOTO, status: 'ready', filename: 'field.jpg', type: 'image/jpeg', length: 2_400_000, width: 4000, height: 3000,
  createdAt: '2017-03-01T08:00:00.000Z', createdBy: EDITOR.subject, url: url(PHOTO, 'original.jpg'),
  variants: {
    web: { name: 'web.jpg', url: url(PHOTO, 'web.jpg'), type: 'image/jpeg', length: 312_345, width: 1600, height: 1200 },
    og: { name: 'og.jpg', url: url(PHOTO, 'og.jpg'), type: 'image/jpeg', length: 98_765, width: 1200, height: 630 },
  },
};
const report: Media = {
  id: REPORT, status: 'ready', filename: 'report.pdf', type: 'application/pdf', length: 1_048_576,
  createdAt: '2017-03-01T08:00:00.000Z', createdBy: EDITOR.subject, url: url(REPORT, 'original.pdf'), variants: {},
};
const pending: Media = { id: PENDING, status: 'pending', filename: 'late.png', type: 'image/png', length: 500, createdAt: '2017-03-01T08:00:00.000Z', createdBy: EDITOR.subject };

/** The announcement service with in-memory ports and three media items; `reads` counts lookups. */
function setup() {
  const media = new Map([photo, report, pending].map((m) => [m.id, m]));
  const reads: string[] = [];
  const lookup = { get: async (id: string) => (reads.push(id), media.get(id)) };
  const store = new InMemoryAnnouncementStore();
  const service = makeAnnouncementService({ store, clock: pinnedClock('2017-03-10T08:00:00.000Z'), newId: sequentialIds(), facts: makeMediaFacts({ media: lookup, siteUrl: SITE }) });
  return { service, store, reads };
}

const withMedia = (images: AnnouncementInput['images'], attachments: AnnouncementInput['attachments'] = []): AnnouncementInput => ({ ...msp7En, images, attachments });

async function refusal(promise: Promise<unknown>): Promise<HeraldError> {
  const err = await promise.then(() => undefined, (e: unknown) => e);
  expect(err).toMatchObject({ status: 400, code: 'validation_failed' });
  return err as HeraldError;
}

describe('media facts on create', () => {
  it('fills type, length, width, height and the OpenGraph variant of the exact file named', async () => {
    const { service } = setup();
    const created = await service.create(withMedia([{ url: url(PHOTO, 'web.jpg'), alt: 'Deminers at work' }], [{ url: url(REPORT, 'original.pdf'), title: 'Report', type: 'application/octet-stream' }]), EDITOR);
    expect(created.images).toEqual([
      { url: url(PHOTO, 'web.jpg'), alt: 'Deminers at work', type: 'image/jpeg', length: 312_345, width: 1600, height: 1200, og: { url: url(PHOTO, 'og.jpg'), type: 'image/jpeg', width: 1200, height: 630 } },
    ]);
    expect(created.attachments).toEqual([{ url: url(REPORT, 'original.pdf'), title: 'Report', type: 'application/pdf', length: 1_048_576 }]);
  });

  it('takes the original file its own facts, not the variant facts', async () => {
    const { service } = setup();
    const [image] = (await service.create(withMedia([{ url: url(PHOTO, 'original.jpg'), alt: 'a' }]), EDITOR)).images;
    expect(image).toMatchObject({ length: 2_400_000, width: 4000, height: 3000 });
  });

  it('replaces values the editor gave that contradict the record, and normalises the URL', async () => {
    const { service } = setup();
    const given = { url: `HTTPS://NEWS.example.org:443/media/${PHOTO}/web.jpg`, alt: 'a', type: 'image/png', length: 5, width: 10, height: 20, og: { url: 'https://elsewhere.example.com/x.png', type: 'image/png', width: 1, height: 1 } };
    const [image] = (await service.create(withMedia([given]), EDITOR)).images;
    expect(image).toEqual({ url: url(PHOTO, 'web.jpg'), alt: 'a', type: 'image/jpeg', length: 312_345, width: 1600, height: 1200, og: { url: url(PHOTO, 'og.jpg'), type: 'image/jpeg', width: 1200, height: 630 } });
  });

  it('leaves other URLs as the editor gave them, but drops an og the editor set', async () => {
    const { service, reads } = setup();
    const other = { url: 'https://www.example.org/photo.jpg', alt: 'b', length: 42, width: 800, height: 600 };
    const [image] = (await service.create(withMedia([{ ...other, og: { url: 'https://www.example.org/og.jpg', type: 'image/jpeg', width: 1200, height: 630 } }]), EDITOR)).images;
    expect(image).toEqual(other);
    expect(reads).toEqual([]);
  });

  it('reads each media item once however many files of it are named', async () => {
    const { service, reads } = setup();
    await service.create(withMedia([{ url: url(PHOTO, 'web.jpg'), alt: 'a' }, { url: url(PHOTO, 'og.jpg'), alt: 'b' }]), EDITOR);
    expect(reads).toEqual([PHOTO]);
  });
});

describe('media URLs that name no completed file', () => {
  const cases: [string, AnnouncementInput, string, RegExp][] = [
    ['an unknown id', withMedia([{ url: url(UNKNOWN, 'web.jpg'), alt: 'a' }]), 'images.0.url', /names no Herald media file/],
    ['a pending upload', withMedia([{ url: 'https://www.example.org/a.jpg', alt: 'a' }, { url: url(PENDING, 'original.png'), alt: 'b' }]), 'images.1.url', /not complete/],
    ['a file the item does not have', withMedia([{ url: url(PHOTO, 'huge.jpg'), alt: 'a' }]), 'images.0.url', /has no file huge.jpg/],
    ['a path that is not an id', withMedia([{ url: `${SITE}/media/photo.jpg`, alt: 'a' }]), 'images.0.url', /names no Herald media file/],
    ['a query string', withMedia([{ url: `${url(PHOTO, 'web.jpg')}?w=1`, alt: 'a' }]), 'images.0.url', /names no Herald media file/],
    ['a document used as an image', withMedia([{ url: url(REPORT, 'original.pdf'), alt: 'a' }]), 'images.0.url', /is a document/],
    ['an unknown attachment', withMedia([], [{ url: url(UNKNOWN, 'original.pdf'), title: 'R', type: 'application/pdf' }]), 'attachments.0.url', /names no Herald media file/],
  ];

  it.each(cases)('refuses %s with a 400 naming the field, storing nothing', async (_name, input, path, message) => {
    const { service, store } = setup();
    const err = await refusal(service.create(input, EDITOR));
    expect(err.details).toEqual([{ path, message: expect.stringMatching(message) }]);
    expect(err.message).toContain(path);
    expect(store.writes).toEqual([]);
    expect(store.size).toBe(0);
  });

  it('names every bad field at once', async () => {
    const { service } = setup();
    const err = await refusal(service.create(withMedia([{ url: url(UNKNOWN, 'a.jpg'), alt: 'a' }], [{ url: url(PENDING, 'x.pdf'), title: 'R', type: 'application/pdf' }]), EDITOR));
    expect(err.details.map((d) => d.path)).toEqual(['images.0.url', 'attachments.0.url']);
  });

  it('refuses through createOnce (Idempotency-Key) too, and the key stays unclaimed', async () => {
    const { service, store } = setup();
    await refusal(service.createOnce(withMedia([{ url: url(PENDING, 'original.png'), alt: 'a' }]), EDITOR, 'key-1'));
    expect(store.size).toBe(0);
    expect(store.idempotency.size).toBe(0);
  });
});

describe('media facts on replace', () => {
  it('fills the facts on PUT and refuses an unknown media URL without a new version', async () => {
    const { service, store } = setup();
    const created = await service.create(withMedia([]), EDITOR);
    const updated = await service.update(created.id, withMedia([{ url: url(PHOTO, 'og.jpg'), alt: 'a', length: 1 }]), '"v1"', EDITOR);
    expect(updated.images[0]).toMatchObject({ length: 98_765, width: 1200, height: 630, type: 'image/jpeg' });
    const err = await refusal(service.update(created.id, withMedia([{ url: url(UNKNOWN, 'web.jpg'), alt: 'a' }]), '"v2"', EDITOR));
    expect(err.details[0]?.path).toBe('images.0.url');
    expect((await store.get(created.id))?.version).toBe(2);
  });
});

describe('mediaRefOf', () => {
  it('tells media URLs (with or without a file) from other URLs, under a site path too', () => {
    expect(mediaRefOf('https://x.org/news', `https://x.org/news/media/${PHOTO}/web.jpg`)).toEqual({ id: PHOTO, file: 'web.jpg' });
    expect(mediaRefOf('https://x.org/news', `https://x.org/media/${PHOTO}/web.jpg`)).toBeUndefined();
    expect(mediaRefOf(SITE, `http://news.example.org/media/${PHOTO}/web.jpg`)).toBeUndefined();
    expect(mediaRefOf(SITE, `${SITE}/media/${PHOTO}/a/b.jpg`)).toBeNull();
    expect(mediaRefOf(SITE, `${SITE}/media/${PHOTO}/`)).toBeNull();
  });
});
