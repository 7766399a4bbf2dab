import { describe, expect, it } from '@jest/globals';
import type { SQSEvent } from 'aws-lambda';
import { makeFediverseQueueApp } from '../../../functions/fediverse/app';
import type { AnnouncementMessage } from '../../../shared/fediverse/events';
import type { HeraldFederation } from '../../../shared/fediverse/federation';
import { recordingLogger } from '../../support/fakes';

const record = (messageId: string, body: unknown) => ({ messageId, body: JSON.stringify(body) }) as SQSEvent['Records'][number];
const message = (id: string): AnnouncementMessage => ({ kind: 'herald-announcement', id, version: 1, activity: 'create' });

describe('the fediverse queue consumer', () => {
  it('reports a hanging message alone, in time, and hands Fedify tasks to processQueuedTask', async () => {
    const tasks: unknown[] = [];
    const federation = { processQueuedTask: async (_: unknown, m: unknown) => void tasks.push(m) } as unknown as HeraldFederation;
    const delivered: string[] = [];
    const app = makeFediverseQueueApp({
      federation,
      logger: recordingLogger(),
      recordTimeoutMs: 200,
      deliver: (m) => (m.id === 'hangs' ? new Promise(() => undefined) : (delivered.push(m.id), Promise.resolve('sent'))),
    });
    const started = Date.now();
    const result = await app({ Records: [record('1', message('ok')), record('2', message('hangs')), record('3', { type: 'outbox', id: 'x' }), { messageId: '4', body: 'not json {' } as SQSEvent['Records'][number]] });
    expect(Date.now() - started).toBeLessThan(2_000);
    // The hanging one and the unreadable one (it goes on to the dead-letter queue); the others succeed.
    expect(result.batchItemFailures.map((f) => f.itemIdentifier).sort()).toEqual(['2', '4']);
    expect(delivered).toEqual(['ok']);
    expect(tasks).toEqual([{ type: 'outbox', id: 'x' }]);
  });
});

describe('the consumer and per-inbox outcomes', () => {
  it('runs each Fedify task through `track`, and announcement messages not', async () => {
    const tasks: unknown[] = [];
    const tracked: unknown[] = [];
    const federation = { processQueuedTask: async (_: unknown, m: unknown) => void tasks.push(m) } as unknown as HeraldFederation;
    const app = makeFediverseQueueApp({
      federation,
      logger: recordingLogger(),
      deliver: async () => 'sent',
      track: async (m, run) => {
        tracked.push(m);
        await run();
      },
    });
    const result = await app({ Records: [record('1', message('ok')), record('2', { type: 'outbox', id: 'y' })] });
    expect(result.batchItemFailures).toEqual([]);
    expect(tracked).toEqual([{ type: 'outbox', id: 'y' }]);
    expect(tasks).toEqual([{ type: 'outbox', id: 'y' }]);
  });
});
