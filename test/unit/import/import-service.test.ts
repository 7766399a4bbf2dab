import fc from 'fast-check';
import { AnnouncementId } from '../../../shared/domain/announcement';
import { importIdOf } from '../../../shared/domain/import-item';
import { makeImportService } from '../../../shared/services/import-service';
import { makeAnnouncementService } from '../../../shared/services/announcement-service';
import { makeScheduleService } from '../../../shared/services/schedule-service';
import { activitiesOf } from '../../../shared/fediverse/events';
import { InMemoryAnnouncementStore, pinnedClock, sequentialIds } from '../../support/fakes';
import type { Principal } from '../../../shared/principal';

const ADMIN: Principal = { subject: 'admin@example.org', role: 'admin' };
const NOW = '2026-11-30T03:00:00.000Z';

const bangkok = {
  guid: 'https://old.example.org/?p=88',
  title: 'Regional seminar in Bangkok',
  html: '<p>Delegates met.</p>\n\n<pre>a\n\nb</pre><script>alert(1)</script>',
  language: 'en',
  tags: ['seminar'],
  images: [{ url: 'https://old.example.org/img/b.jpeg', alt: 'Delegates', caption: 'Bangkok, 16–17 March.', credit: '(c) CMC' }],
  publishedAt: '2017-03-17T16:30:00+07:00',
  updatedAt: '2017-03-20T10:00:00Z',
};

function setup() {
  const store = new InMemoryAnnouncementStore();
  const clock = pinnedClock(NOW);
  const imports = makeImportService({ store, clock });
  const editors = makeAnnouncementService({ store, clock, newId: sequentialIds() });
  return { store, clock, imports, editors };
}

describe('importIdOf', () => {
  it('is a UUID, the same for the same guid and different for different guids', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1 }), fc.string({ minLength: 1 }), (a, b) => {
        expect(AnnouncementId.safeParse(importIdOf(a)).success).toBe(true);
        expect(importIdOf(a)).toBe(importIdOf(a));
        if (a !== b) expect(importIdOf(a)).not.toBe(importIdOf(b));
      }),
    );
  });
  it('keeps the id of a urn:uuid guid (Herald\'s own entries and exports)', () => {
    expect(importIdOf('urn:uuid:0b6c8a3e-4a5b-4c8d-9e0f-112233445566')).toBe('0b6c8a3e-4a5b-4c8d-9e0f-112233445566');
  });
});

describe('POST /api/import, the service', () => {
  it('creates with the original guid, dates, credits; sanitised HTML kept as a Markdown body; marked as an import', async () => {
    const { store, imports } = setup();
    const [result] = await imports.importItems([bangkok], ADMIN, { dryRun: false });
    const id = importIdOf(bangkok.guid);
    expect(result).toEqual({ guid: bangkok.guid, id, path: `/news/regional-seminar-in-bangkok-${id.replace(/-/g, '').slice(0, 8)}/`, outcome: 'created' });
    const a = (await store.get(id))!;
    expect(a).toMatchObject({ guid: bangkok.guid, publishedAt: '2017-03-17T09:30:00.000Z', updatedAt: '2017-03-20T10:00:00.000Z', createdAt: '2017-03-17T09:30:00.000Z', status: 'published', imported: true, version: 1 });
    expect(a.images[0]).toMatchObject({ caption: 'Bangkok, 16–17 March.', credit: '(c) CMC' });
    expect(a.bodyHtml).toBe('<p>Delegates met.</p>\n\n<pre>a\n\nb</pre>');
    // The audit record says when the import ran, not when the item was first published.
    expect((await store.history(id))[0]).toMatchObject({ action: 'create', at: NOW, by: 'admin@example.org' });
  });

  it('is idempotent: the same item again is unchanged; changed at the source, updated', async () => {
    const { store, imports } = setup();
    await imports.importItems([bangkok], ADMIN, { dryRun: false });
    expect((await imports.importItems([bangkok], ADMIN, { dryRun: false }))[0]!.outcome).toBe('unchanged');
    const changed = { ...bangkok, title: 'Regional seminar in Bangkok (corrected)', updatedAt: '2017-04-01T00:00:00Z' };
    expect((await imports.importItems([changed], ADMIN, { dryRun: true }))[0]!.outcome).toBe('updated');
    expect((await store.get(importIdOf(bangkok.guid)))!.version).toBe(1);
    expect((await imports.importItems([changed], ADMIN, { dryRun: false }))[0]!.outcome).toBe('updated');
    const a = (await store.get(importIdOf(bangkok.guid)))!;
    // The slug stays, so the page (and any redirect to it) stays.
    expect([a.version, a.slug, a.title]).toEqual([2, 'regional-seminar-in-bangkok', changed.title]);
  });

  it('dry run writes nothing and says what would happen', async () => {
    const { store, imports } = setup();
    expect((await imports.importItems([bangkok], ADMIN, { dryRun: true }))[0]!.outcome).toBe('created');
    expect(await store.get(importIdOf(bangkok.guid))).toBeUndefined();
  });

  it('never overwrites an item editors changed in Herald after its import; an edit keeps the guid and drops the import mark', async () => {
    const { store, imports, editors } = setup();
    await imports.importItems([bangkok], ADMIN, { dryRun: false });
    const id = importIdOf(bangkok.guid);
    const { id: _i, bodyHtml: _b, version: _v, createdAt: _c, updatedAt: _u, publishedAt: _p, createdBy: _cb, updatedBy: _ub, guid: _g, imported: _m, ...input } = (await store.get(id))!;
    await editors.update(id, { ...input, status: 'published', title: 'Edited in Herald' }, '"v1"', ADMIN);
    const edited = (await store.get(id))!;
    expect([edited.guid, edited.imported]).toEqual([bangkok.guid, undefined]);
    const [again] = await imports.importItems([{ ...bangkok, title: 'Source title' }], ADMIN, { dryRun: false });
    expect(again).toMatchObject({ outcome: 'refused', errors: [{ path: 'items.0.guid' }] });
    expect((await store.get(id))!.title).toBe('Edited in Herald');
  });

  it('refuses bad items one by one with their reasons; the rest go in', async () => {
    const { imports } = setup();
    const results = await imports.importItems(
      [
        { ...bangkok, publishedAt: 'yesterday' },
        { ...bangkok, guid: '' },
        { guid: 'no-date', title: 'x', language: 'en' },
        { ...bangkok, guid: 'huge', html: undefined, body: 'x'.repeat(60_001) },
        { ...bangkok, guid: 'both', body: 'x' },
        'not an object',
        bangkok,
        { ...bangkok, title: 'Same guid again' },
        { ...bangkok, guid: 'bad-link', canonicalUrl: 'javascript:alert(1)' },
      ],
      ADMIN,
      { dryRun: false },
    );
    expect(results.map((r) => r.outcome)).toEqual(['refused', 'refused', 'refused', 'refused', 'refused', 'refused', 'created', 'refused', 'refused']);
    expect(results.map((r) => r.errors?.map((e) => e.path).join(','))).toEqual([
      'items.0.publishedAt', 'items.1.guid', 'items.2.publishedAt', 'items.3.body', 'items.4.html', 'items.5.item', undefined, 'items.7.guid', 'items.8.canonicalUrl',
    ]);
  });

  it('refuses a canonical URL the site\'s link policy does not allow, naming the field', async () => {
    const store = new InMemoryAnnouncementStore();
    const imports = makeImportService({ store, clock: pinnedClock(NOW), links: { allowHttp: false, canonicalHosts: ['news.example.org'] } });
    const [r] = await imports.importItems([{ ...bangkok, canonicalUrl: 'https://elsewhere.example.com/x' }], ADMIN, { dryRun: false });
    expect(r).toMatchObject({ outcome: 'refused', errors: [{ path: 'items.0.canonicalUrl' }] });
  });

  it('stores no guid when it is the URN of the id, so an export imported again renders the same entry ids', async () => {
    const { store, imports } = setup();
    const id = '0b6c8a3e-4a5b-4c8d-9e0f-112233445566';
    await imports.importItems([{ ...bangkok, guid: `urn:uuid:${id}` }], ADMIN, { dryRun: false });
    const a = (await store.get(id))!;
    expect(a.guid).toBeUndefined();
  });

  it('a scheduled imported item that goes public later is announced: the scheduler drops the import mark', async () => {
    const { store, imports } = setup();
    await imports.importItems([{ ...bangkok, status: 'scheduled', publishAt: '2026-12-01T09:00:00Z' }], ADMIN, { dryRun: false });
    const id = importIdOf(bangkok.guid);
    const before = (await store.get(id))!;
    expect([before.status, before.imported, before.publishedAt]).toEqual(['scheduled', true, undefined]);
    await makeScheduleService({ store }).publishDue(new Date('2026-12-01T09:00:01Z'));
    const after = (await store.get(id))!;
    expect([after.status, after.imported]).toEqual(['published', undefined]);
    expect(activitiesOf([{ before, after }]).map((m) => m.activity)).toEqual(['create']);
  });
});
