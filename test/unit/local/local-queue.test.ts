import { describe, expect, it } from '@jest/globals';
import type { SQSEvent } from 'aws-lambda';
import { LocalQueue } from '../../../infra/local/local-queue';
import type { HeraldLogger } from '../../../shared/logger';
import { handler as worker } from '../../support/queue-worker';

const quiet: HeraldLogger = { info: () => undefined, warn: () => undefined, error: () => undefined };

async function until(check: () => boolean, ms = 5000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('the in-process queue', () => {
  it('delivers batches as SQS events, redelivers reported failures, and dead-letters after maxReceiveCount', async () => {
    const seen: { body: string; receives: string }[] = [];
    const queue = new LocalQueue({
      name: 'work',
      batchSize: 10,
      maxReceiveCount: 3,
      logger: quiet,
      idleMs: 5,
      handler: async (event: SQSEvent) => {
        for (const r of event.Records) seen.push({ body: r.body, receives: r.attributes.ApproximateReceiveCount });
        return worker(event);
      },
    });
    queue.start();
    queue.send('ok');
    const failing = queue.send('fail');
    await until(() => queue.deadLetters.length === 1);
    await queue.stop();

    expect(seen.filter((s) => s.body === 'ok')).toEqual([{ body: 'ok', receives: '1' }]);
    expect(seen.filter((s) => s.body === 'fail').map((s) => s.receives)).toEqual(['1', '2', '3']);
    expect(queue.deadLetters).toEqual([{ messageId: failing, body: 'fail', receiveCount: 3 }]);
    expect(queue.depth).toBe(0);
  });

  it('redelivers every message of a batch whose handler threw', async () => {
    let calls = 0;
    const queue = new LocalQueue({
      name: 'work',
      batchSize: 5,
      maxReceiveCount: 5,
      logger: quiet,
      idleMs: 5,
      handler: async (event) => {
        calls += 1;
        if (calls === 1) throw new Error('boom');
        return { batchItemFailures: [] as { itemIdentifier: string }[] };
      },
    });
    queue.start();
    queue.send('a');
    queue.send('b');
    await until(() => calls >= 2 && queue.depth === 0);
    await queue.stop();

    expect(queue.deadLetters).toEqual([]);
  });
});

describe('the in-process queue with a maximum concurrency', () => {
  /** A queue of one-message batches whose message 'hang' waits until released. */
  function hangingQueue(concurrency?: number) {
    const done: string[] = [];
    let release!: () => void;
    const hanging = new Promise<void>((r) => (release = r));
    const queue = new LocalQueue({
      name: 'hooks',
      batchSize: 1,
      maxReceiveCount: 1,
      logger: quiet,
      idleMs: 5,
      ...(concurrency ? { concurrency } : {}),
      handler: async (event: SQSEvent) => {
        if (event.Records[0]!.body === 'hang') await hanging;
        done.push(event.Records[0]!.body);
        return { batchItemFailures: [] };
      },
    });
    queue.start();
    queue.send('hang');
    queue.send('quick');
    return { queue, done, release };
  }

  it('handles batches side by side: a message that hangs holds only its own batch', async () => {
    const { queue, done, release } = hangingQueue(5);
    await until(() => done.includes('quick'));
    expect(done).toEqual(['quick']);
    release();
    await until(() => done.length === 2);
    await queue.stop();
  });

  it('without it, handles one batch at a time: the quick message waits for the slow one', async () => {
    const { queue, done, release } = hangingQueue();
    await new Promise((r) => setTimeout(r, 100));
    expect(done).toEqual([]);
    release();
    await until(() => done.length === 2);
    expect(done).toEqual(['hang', 'quick']);
    await queue.stop();
  });
});
