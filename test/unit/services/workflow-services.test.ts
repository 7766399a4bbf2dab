import { describe, expect, it } from '@jest/globals';
import { changedFields } from '../../../shared/domain/audit';
import type { Announcement } from '../../../shared/domain/announcement';
import { makeScheduleService } from '../../../shared/services/schedule-service';
import { makeTokenService } from '../../../shared/services/token-service';
import { sha256Hex } from '../../../shared/services/token-verifier';
import { InMemoryTokenStore, pinnedClock } from '../../support/fakes';
import { EDITOR, msp7En, serviceWithFakes } from '../../support/fixtures';

const T0 = '2017-09-01T08:00:00.000Z';
const scheduled = (publishAt: string) => ({ ...msp7En, status: 'scheduled' as const, publishAt });

describe('AnnouncementService.createOnce', () => {
  it('replays when another request with the key committed between the read and the write', async () => {
    // Prepare: the first read misses, as it would while a concurrent duplicate is in flight.
    const { service, store } = serviceWithFakes(T0);
    const winner = await service.createOnce(msp7En, EDITOR, 'k1');
    const realFind = store.findIdempotency.bind(store);
    let reads = 0;
    store.findIdempotency = async (scope, now) => (reads++ === 0 ? undefined : realFind(scope, now));
    // Act
    const loser = await service.createOnce(msp7En, EDITOR, 'k1');
    // Assess
    expect(loser).toEqual({ announcement: winner.announcement, replayed: true });
    expect(store.size).toBe(1);
    expect(reads).toBe(2);
  });

  it('refuses the same key with another body, from the same caller only', async () => {
    const { service, store } = serviceWithFakes(T0);
    await service.createOnce(msp7En, EDITOR, 'k2');
    await expect(service.createOnce({ ...msp7En, title: 'Other' }, EDITOR, 'k2')).rejects.toMatchObject({ status: 422 });
    const other = await service.createOnce(msp7En, { subject: 'someone-else', role: 'editor' }, 'k2');
    expect(other.replayed).toBe(false);
    expect(store.size).toBe(2);
  });
});

describe('ScheduleService.publishDue', () => {
  it('skips an item an editor changed after the job read it, and publishes it on the next run', async () => {
    // Prepare
    const { service, store, clock } = serviceWithFakes(T0);
    const a = await service.create(scheduled('2017-09-01T09:00:00.000Z'), EDITOR);
    const job = makeScheduleService({ store });
    clock.set('2017-09-01T09:00:00.000Z');
    store.interleave(() => store.forcePut({ ...a, title: 'Edited meanwhile', version: 2 }));
    // Act
    const first = await job.publishDue(new Date('2017-09-01T09:00:00.000Z'));
    // Assess
    expect(first).toEqual({ published: [], skipped: [a.id] });
    expect((await store.get(a.id))?.title).toBe('Edited meanwhile');
    const second = await job.publishDue(new Date('2017-09-01T09:01:00.000Z'));
    expect(second.published).toEqual([a.id]);
    expect(await store.get(a.id)).toMatchObject({ status: 'published', version: 3, title: 'Edited meanwhile' });
  });

  it('publishes nothing before its time, and records the publication in the history', async () => {
    const { service, store } = serviceWithFakes(T0);
    const a = await service.create(scheduled('2017-09-01T10:00:00+01:00'), EDITOR);
    expect(a.publishAt).toBe('2017-09-01T09:00:00.000Z');
    expect(a.status).toBe('scheduled');
    const job = makeScheduleService({ store });
    expect((await job.publishDue(new Date('2017-09-01T08:59:59.999Z'))).published).toEqual([]);
    expect((await job.publishDue(new Date('2017-09-01T09:00:00.000Z'))).published).toEqual([a.id]);
    expect((await store.history(a.id)).map((h) => [h.action, h.by])).toEqual([['publish', 'scheduler'], ['create', EDITOR.subject]]);
  });
});

describe('TokenService', () => {
  it('shows the secret once and stores only its hash', async () => {
    const tokens = new InMemoryTokenStore();
    const service = makeTokenService({ tokens, clock: pinnedClock(T0), newId: () => 'id-1', newSecret: () => 'hrd_secret-value-0123456789' });
    const issued = await service.issue({ subject: 'ana', role: 'editor' }, EDITOR);
    expect(issued).toEqual({ id: 'id-1', subject: 'ana', role: 'editor', createdAt: T0, createdBy: EDITOR.subject, token: 'hrd_secret-value-0123456789' });
    expect(await tokens.findBySha256(sha256Hex('hrd_secret-value-0123456789'))).toMatchObject({ id: 'id-1' });
    expect(JSON.stringify(await service.list())).not.toContain('hrd_secret');
  });

  it('answers 404 for revoking an unknown id', async () => {
    const service = makeTokenService({ tokens: new InMemoryTokenStore(), clock: pinnedClock(T0) });
    await expect(service.revoke('nope')).rejects.toMatchObject({ status: 404 });
  });
});

describe('changedFields', () => {
  it('names content fields that differ, ignoring bookkeeping and key order', () => {
    const before = { id: 'x', version: 1, updatedAt: 'a', title: 'A', tags: ['b', 'c'], images: [{ url: 'u', alt: 'x' }] } as unknown as Announcement;
    const after = { id: 'x', version: 2, updatedAt: 'b', title: 'A', tags: ['c', 'b'], images: [{ alt: 'x', url: 'u' }], slug: 's' } as unknown as Announcement;
    expect(changedFields(before, after)).toEqual(['slug', 'tags']);
  });
});
