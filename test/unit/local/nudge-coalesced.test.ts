import { describe, expect, it } from '@jest/globals';
import type { DynamoDBRecord } from 'aws-lambda';
import { busyCounters, busyWhile, coalesced, mayNudge } from '../../../infra/local/stream-gates';

const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('nudging the stream worker after writes', () => {
  it('sends the first nudge at once and the burst behind it as one more at the end of the window', async () => {
    // Prepare
    let sent = 0;
    const nudge = coalesced(() => void (sent += 1), 50);

    // Act
    nudge();
    const atOnce = sent;
    nudge();
    nudge();
    nudge();
    const inWindow = sent;
    await wait(120);

    // Assess
    expect([atOnce, inWindow, sent]).toEqual([1, 1, 2]);
  });

  it('sends at once again once the window has passed', async () => {
    let sent = 0;
    const nudge = coalesced(() => void (sent += 1), 20);
    nudge();
    await wait(60);
    nudge();
    expect(sent).toBe(2);
  });
});

describe('skipping nudges while the stream worker publishes', () => {
  const editor = { eventName: 'INSERT' } as DynamoDBRecord;
  const imported = { eventName: 'MODIFY' } as DynamoDBRecord;
  const kindOf = (r: DynamoDBRecord) => (r === imported ? 'import' : 'editor');

  it('counts a batch of editors\' changes as busy until it ends, even when it fails', async () => {
    const busy = busyCounters();
    const during: number[] = [];
    const ok = busyWhile(busy, kindOf, async () => (during.push(Atomics.load(busy, 0)), { batchItemFailures: [] }));
    const failing = busyWhile(busy, kindOf, async () => {
      during.push(Atomics.load(busy, 0));
      throw new Error('publish failed');
    });
    await ok({ Records: [editor] });
    await expect(failing({ Records: [editor] })).rejects.toThrow('publish failed');
    expect([...during, Atomics.load(busy, 0)]).toEqual([1, 1, 0]);
  });

  it('leaves an import\'s batch uncounted, so a nudge still reaches the read-ahead for editors\' changes', async () => {
    const busy = busyCounters();
    let seen = -1;
    await busyWhile(busy, kindOf, async () => ((seen = Atomics.load(busy, 0)), { batchItemFailures: [] }))({ Records: [imported, editor] });
    expect(seen).toBe(0);
  });

  it('lets one nudge through per batch of editors\' changes (it starts the read of the next page), and every one while idle', async () => {
    const busy = busyCounters();
    const allowed: boolean[][] = [];
    const batch = busyWhile(busy, kindOf, async () => (allowed.push([mayNudge(busy), mayNudge(busy), mayNudge(busy)]), { batchItemFailures: [] }));
    await batch({ Records: [editor] });
    await batch({ Records: [editor] });
    expect(allowed).toEqual([[true, false, false], [true, false, false]]);
    expect([mayNudge(busy), mayNudge(busy)]).toEqual([true, true]);
  });
});
