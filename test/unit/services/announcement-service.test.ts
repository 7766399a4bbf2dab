import { describe, expect, it } from '@jest/globals';
import type { HeraldError } from '../../../shared/domain/errors';
import { EDITOR, bangkokSeminar, draftStatement, msp7En, msp7Fr, serviceWithFakes } from '../../support/fixtures';

const T0 = '2017-09-01T08:00:00.000Z';
const T1 = '2017-09-04T09:30:00.000Z';
const OTHER = { subject: 'other@example.org', role: 'editor' as const };

/** The HeraldError a promise rejects with; fails the test if it resolves. */
async function heraldErrorOf(promise: Promise<unknown>): Promise<HeraldError> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toMatchObject({ status: expect.any(Number), code: expect.any(String) });
  return err as HeraldError;
}

describe('AnnouncementService.create', () => {
  it('stores version 1 with a slug from the title, sanitised HTML and publishedAt when published', async () => {
    // Prepare
    const { service, store } = serviceWithFakes(T0);
    // Act
    const created = await service.create(msp7En, EDITOR);
    // Assess
    expect(created).toMatchObject({
      id: '00000000-0000-4000-8000-000000000001',
      version: 1,
      slug: 'seventh-meeting-of-states-parties',
      status: 'published',
      createdAt: T0,
      updatedAt: T0,
      publishedAt: T0,
      createdBy: EDITOR.subject,
      updatedBy: EDITOR.subject,
    });
    expect(created.bodyHtml).toContain('<h2>Seventh Meeting of States Parties</h2>');
    expect(created.bodyHtml).toContain('<a href="https://www.example.org/7msp/agenda.pdf">Provisional agenda</a>');
    expect(await store.get(created.id)).toEqual(created);
  });

  it('leaves publishedAt unset on a draft', async () => {
    const { service } = serviceWithFakes(T0);
    const created = await service.create(draftStatement, EDITOR);
    expect(created.status).toBe('draft');
    expect(created).not.toHaveProperty('publishedAt');
  });

  it("keeps the editor's slug", async () => {
    const { service } = serviceWithFakes(T0);
    expect((await service.create(msp7Fr, EDITOR)).slug).toBe('septieme-assemblee-des-etats-parties');
  });

  it('slugs a title in Arabic in Arabic, and an emoji-only title by its date, never by the id', async () => {
    const { service } = serviceWithFakes(T0);
    expect((await service.create({ ...msp7En, title: 'مؤتمر جنيف' }, EDITOR)).slug).toBe('مؤتمر-جنيف');
    const emoji = await service.create({ ...msp7En, title: '🎉🎉' }, EDITOR);
    expect(emoji.slug).toBe('2017-09-01');
    expect(emoji.slug).not.toContain(emoji.id.slice(0, 8));
  });
});

describe('AnnouncementService.update', () => {
  it('returns 428 when If-Match is missing, and writes nothing', async () => {
    const { service, store } = serviceWithFakes(T0);
    const created = await service.create(msp7En, EDITOR);
    const err = await heraldErrorOf(service.update(created.id, msp7En, undefined, EDITOR));
    expect(err.status).toBe(428);
    expect(store.writes).toHaveLength(1);
  });

  it('returns 412 with the current version when the version is stale', async () => {
    const { service, store } = serviceWithFakes(T0);
    const created = await service.create(msp7En, EDITOR);
    await service.update(created.id, msp7En, '"v1"', EDITOR);
    const err = await heraldErrorOf(service.update(created.id, msp7En, '"v1"', EDITOR));
    expect({ status: err.status, extra: err.extra }).toEqual({ status: 412, extra: { currentVersion: 2, currentEtag: '"v2"' } });
    expect(store.writes).toHaveLength(2);
  });

  it('accepts "*", a weak ETag and a list containing the current ETag', async () => {
    const { service } = serviceWithFakes(T0);
    const { id } = await service.create(msp7En, EDITOR);
    expect((await service.update(id, msp7En, '*', EDITOR)).version).toBe(2);
    expect((await service.update(id, msp7En, 'W/"v2"', EDITOR)).version).toBe(3);
    expect((await service.update(id, msp7En, '"v1", "v3"', EDITOR)).version).toBe(4);
  });

  it('bumps the version and updatedAt, keeps createdAt, createdBy, publishedAt and the slug', async () => {
    // Prepare
    const { service, clock, store } = serviceWithFakes(T0);
    const created = await service.create(msp7En, EDITOR);
    clock.set(T1);
    // Act
    const updated = await service.update(created.id, { ...msp7En, title: 'Seventh Meeting: final report' }, '"v1"', OTHER);
    // Assess
    expect(updated).toMatchObject({
      version: 2,
      title: 'Seventh Meeting: final report',
      slug: 'seventh-meeting-of-states-parties',
      createdAt: T0,
      publishedAt: T0,
      updatedAt: T1,
      createdBy: EDITOR.subject,
      updatedBy: OTHER.subject,
    });
    expect(await store.get(created.id)).toEqual(updated);
  });

  it('sets publishedAt when a draft is first published', async () => {
    const { service, clock } = serviceWithFakes(T0);
    const draft = await service.create({ ...bangkokSeminar, status: 'draft' }, EDITOR);
    clock.set(T1);
    expect((await service.update(draft.id, bangkokSeminar, '"v1"', EDITOR)).publishedAt).toBe(T1);
  });

  it('returns 404 for an unknown id', async () => {
    const { service } = serviceWithFakes(T0);
    expect((await heraldErrorOf(service.update('00000000-0000-4000-8000-0000000000ff', msp7En, '*', EDITOR))).status).toBe(404);
  });

  it('turns a concurrent replace (VersionConflict from the store) into 412 with the winner’s version', async () => {
    // Prepare: another writer commits version 2 between our read and our write.
    const { service, store } = serviceWithFakes(T0);
    const created = await service.create(msp7En, EDITOR);
    store.interleave(() => store.forcePut({ ...created, title: 'The other edit', version: 2 }));
    // Act
    const err = await heraldErrorOf(service.update(created.id, msp7En, '"v1"', EDITOR));
    // Assess
    expect({ status: err.status, extra: err.extra }).toEqual({ status: 412, extra: { currentVersion: 2, currentEtag: '"v2"' } });
    expect((await store.get(created.id))?.title).toBe('The other edit');
  });
});

describe('AnnouncementService.retract', () => {
  it('sets status retracted, retractedAt and a new version, keeping the content', async () => {
    const { service, clock } = serviceWithFakes(T0);
    const created = await service.create(msp7En, EDITOR);
    clock.set(T1);
    const retracted = await service.retract(created.id, '"v1"', OTHER);
    expect(retracted).toEqual({ ...created, status: 'retracted', retractedAt: T1, updatedAt: T1, version: 2, updatedBy: OTHER.subject });
  });

  it('needs If-Match like an update', async () => {
    const { service, store } = serviceWithFakes(T0);
    const { id } = await service.create(msp7En, EDITOR);
    expect((await heraldErrorOf(service.retract(id, undefined, EDITOR))).status).toBe(428);
    expect((await heraldErrorOf(service.retract(id, '"v7"', EDITOR))).status).toBe(412);
    expect(store.writes).toHaveLength(1);
  });

  it('is idempotent: retracting twice writes once', async () => {
    const { service, store } = serviceWithFakes(T0);
    const { id } = await service.create(msp7En, EDITOR);
    await service.retract(id, '"v1"', EDITOR);
    expect((await service.retract(id, '*', EDITOR)).version).toBe(2);
    expect(store.writes.map((w) => w.op)).toEqual(['create', 'replace']);
  });
});
