import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { adminAppOn } from '../support/admin-app';
import { startEmulators, type Emulators } from '../support/emulators';
import { DynamoFeedIndex } from '../../shared/adapters/dynamo-feed-index';

let emu: Emulators;
let api: ReturnType<typeof adminAppOn>;
const report = (language: string, title: string) => ({ title, language, tags: ['report'], status: 'published' });

beforeAll(async () => {
  emu = await startEmulators();
  // The feed is read without a stream: each write runs the publisher's feed-entry step.
  api = adminAppOn(emu, { projecting: true });
});
afterAll(() => emu.stop());

describe('concurrent edits on DynamoDB Local', () => {
  it('lets exactly one of 50 concurrent PUTs with the same If-Match win; the rest get 412', async () => {
    const created = await api.call('POST', '/api/announcements', { body: report('en', 'Landmine Monitor 2017') });
    const id = created.body.id as string;
    const etag = created.headers.etag!;
    expect(etag).toBe('"v1"');

    const started = performance.now();
    const answers = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        api.call('PUT', `/api/announcements/${id}`, {
          body: report('en', `Landmine Monitor 2017, edit ${i}`),
          headers: { 'if-match': etag },
        }),
      ),
    );
    const ms = performance.now() - started;

    const statuses = answers.map((a) => a.status).sort();
    expect(statuses).toEqual([200, ...Array(49).fill(412)]);
    const winner = answers.find((a) => a.status === 200)!;
    for (const loser of answers.filter((a) => a.status === 412)) {
      expect(loser.body).toMatchObject({ error: 'precondition_failed', currentVersion: 2, currentEtag: '"v2"' });
    }
    const stored = await api.call('GET', `/api/announcements/${id}`);
    expect(stored.body.version).toBe(2);
    expect(stored.headers.etag).toBe('"v2"');
    expect(stored.body.title).toBe(winner.body.title);
    // Exactly one change is on record, and the feed shows the winner's title.
    const history = await api.call('GET', `/api/announcements/${id}/history`);
    expect((history.body.items as { version: number }[]).map((h) => h.version)).toEqual([2, 1]);
    const feed = await new DynamoFeedIndex(emu.doc, emu.table).latestInFeed('tag:report', 10);
    expect(feed.map((a) => [a.id, a.title])).toEqual([[id, winner.body.title]]);
    console.log(`50 concurrent PUTs with one If-Match: ${ms.toFixed(0)} ms`);
  });

  it('lets 50 concurrent retractions with the same If-Match produce one version', async () => {
    const created = await api.call('POST', '/api/announcements', { body: report('fr', 'Rapport') });
    const id = created.body.id as string;
    const answers = await Promise.all(
      Array.from({ length: 50 }, () => api.call('DELETE', `/api/announcements/${id}`, { headers: { 'if-match': '"v1"' } })),
    );
    // Losers that read after the winner see a retracted v2 and a stale If-Match; none may write.
    expect(answers.filter((a) => a.status === 200).length).toBeGreaterThanOrEqual(1);
    expect(answers.every((a) => a.status === 200 || a.status === 412)).toBe(true);
    const stored = await api.call('GET', `/api/announcements/${id}`);
    expect(stored.body).toMatchObject({ status: 'retracted', version: 2 });
    const history = await api.call('GET', `/api/announcements/${id}/history`);
    expect((history.body.items as { action: string }[]).map((h) => h.action)).toEqual(['retract', 'create']);
  });
});
