import { describe, expect, it } from '@jest/globals';
import { fitForSqs } from '../../../shared/adapters/sqs-fit';

const fanout = (inboxes: number, actorsPerInbox: number) => ({
  type: 'fanout',
  id: 'f',
  activity: { type: 'Create', content: 'x'.repeat(2_000) },
  inboxes: Object.fromEntries(
    Array.from({ length: inboxes }, (_, i) => [
      `https://server${i}.example/inbox`,
      { actorIds: Array.from({ length: actorsPerInbox }, (_, j) => `https://server${i}.example/users/follower-number-${j}`), sharedInbox: true },
    ]),
  ),
});

describe('fitting Fedify queue messages into SQS', () => {
  it('passes a small message unchanged', () => {
    const m = fanout(3, 2);
    expect(fitForSqs(m)).toEqual([m]);
  });

  it('splits a fan-out to 10,000 followers on 500 inboxes into messages under the limit, keeping every inbox once', () => {
    const m = fanout(500, 20);
    expect(Buffer.byteLength(JSON.stringify(m))).toBeGreaterThan(256 * 1024);
    const parts = fitForSqs(m) as ReturnType<typeof fanout>[];
    expect(parts.length).toBeGreaterThan(1);
    for (const p of parts) expect(Buffer.byteLength(JSON.stringify(p))).toBeLessThanOrEqual(240 * 1024);
    const inboxes = parts.flatMap((p) => Object.keys(p.inboxes));
    expect(inboxes.sort()).toEqual(Object.keys(m.inboxes).sort());
    expect(parts.every((p) => p.activity.content === m.activity.content && p.id === 'f')).toBe(true);
  });

  it('shortens the actor list of one shared inbox with 10,000 followers', () => {
    const parts = fitForSqs(fanout(1, 10_000)) as ReturnType<typeof fanout>[];
    expect(parts).toHaveLength(1);
    expect(Object.values(parts[0]!.inboxes)[0]!.actorIds).toHaveLength(50);
  });

  it('refuses, naming the size, a message it cannot cut', () => {
    expect(() => fitForSqs({ type: 'inbox', activity: 'x'.repeat(300 * 1024) })).toThrow(/inbox queue message of \d+ bytes does not fit/);
  });
});
