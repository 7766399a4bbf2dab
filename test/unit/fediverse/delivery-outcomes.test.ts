import { describe, expect, it } from '@jest/globals';
import { SendActivityError } from '@fedify/fedify';
import { activityOf, goneForGood, noteOutboxError, trackedTask, type DeliveryOutcomeStore, type InboxFailures, type InboxOutcome } from '../../../shared/fediverse/delivery-outcomes';

/** An in-memory outcome store (service unit test), and a task runner on a pinned clock. */
function setup() {
  const outcomes: InboxOutcome[] = [];
  const runs = new Map<string, InboxFailures>();
  const store: DeliveryOutcomeStore = {
    put: async (o) => void outcomes.push(o),
    list: async (id) => outcomes.filter((o) => o.announcementId === id),
    failure: async (inbox, at) => {
      const run = { since: runs.get(inbox)?.since ?? at, count: (runs.get(inbox)?.count ?? 0) + 1 };
      runs.set(inbox, run);
      return run;
    },
    success: async (inbox) => void runs.delete(inbox),
  };
  const dropped: string[] = [];
  let now = new Date('2026-11-01T00:00:00Z');
  const deliver = (inbox: string, status: number | 'ok', attempt = 0) =>
    trackedTask(
      { store, maxAttempts: 3, now: () => now, drop: async (i) => void dropped.push(i) },
      { type: 'outbox', activityId: 'https://news.example.org/ap/notes/a1#update-v2', inbox, attempt },
      async () => {
        if (status !== 'ok') noteOutboxError(new SendActivityError(new URL(inbox), status, `HTTP ${status}`, ''));
      },
    );
  const at = (iso: string) => (now = new Date(iso));
  return { outcomes, runs, dropped, deliver, at };
}

const INBOX = 'https://dead.example/inbox';

describe('per-inbox outcomes', () => {
  it('names the announcement and activity of an activity id, and nothing else', () => {
    expect(activityOf('https://news.example.org/ap/notes/a1#delete-v3')).toEqual({ announcementId: 'a1', activityKey: 'delete-v3' });
    expect(activityOf('https://news.example.org/ap/actors/news#accept')).toBeUndefined();
    expect(activityOf(undefined)).toBeUndefined();
  });

  it('records reached on 2xx, pending while Fedify retries, failed when it gives up or on 410', async () => {
    const s = setup();
    await s.deliver('https://ok.example/inbox', 'ok');
    await s.deliver(INBOX, 500, 0);
    await s.deliver(INBOX, 500, 3);
    await s.deliver('https://gone.example/inbox', 410, 0);
    expect(s.outcomes.map((o) => [o.inbox.split('/')[2], o.state, o.status ?? null, o.attempts])).toEqual([
      ['ok.example', 'reached', null, 1],
      ['dead.example', 'pending', 500, 1],
      ['dead.example', 'failed', 500, 4],
      ['gone.example', 'failed', 410, 1],
    ]);
    expect(s.outcomes[0]).toMatchObject({ announcementId: 'a1', activityKey: 'update-v2', at: '2026-11-01T00:00:00.000Z' });
  });
});

describe('a follower gone for good after failures over days', () => {
  it('drops the inbox only when at least 5 deliveries failed over at least 3 days', async () => {
    const s = setup();
    for (const day of ['01', '01', '02', '03']) {
      s.at(`2026-11-${day}T10:00:00Z`);
      await s.deliver(INBOX, 500);
    }
    expect(s.dropped).toEqual([]); // 4 failures
    s.at('2026-11-04T09:59:59Z');
    await s.deliver(INBOX, 503);
    expect(s.dropped).toEqual([]); // 5 failures, a second short of 3 days
    s.at('2026-11-04T10:00:00Z');
    await s.deliver(INBOX, 500);
    expect(s.dropped).toEqual([INBOX]);
  });

  it('does not drop an inbox that fails often within a day, and a success starts the run again', async () => {
    const s = setup();
    for (let i = 0; i < 10; i++) await s.deliver(INBOX, 500);
    expect(s.dropped).toEqual([]);
    s.at('2026-11-03T00:00:00Z');
    await s.deliver(INBOX, 'ok');
    expect(s.runs.has(INBOX)).toBe(false);
    for (const day of ['03', '04', '05', '05', '05']) {
      s.at(`2026-11-${day}T12:00:00Z`);
      await s.deliver(INBOX, 500);
    }
    expect(s.dropped).toEqual([]); // 5 failures over 2 days since the success
    expect(goneForGood({ since: '2026-11-03T12:00:00Z', count: 5 }, new Date('2026-11-06T12:00:00Z'))).toBe(true);
    expect(goneForGood({ since: '2026-11-03T12:00:00Z', count: 4 }, new Date('2026-11-30T12:00:00Z'))).toBe(false);
  });
});
