import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import type { DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { recordKindOf } from '../../shared/adapters/dynamo-stream';
import { StreamPoller } from '../../infra/local/stream-poller';
import { startEmulators, type Emulators } from '../support/emulators';

/**
 * An editor's change overtakes a batch of imported records on the local
 * stream (infra/local/stream-fast-lane.ts): it is published while the
 * import's batch is, again after it, and the ordered pass still delivers
 * every import record once, in order; a failure forgets what went early.
 */
const quiet = { info: () => undefined, warn: () => undefined, error: () => undefined };
const dir = mkdtempSync(join(tmpdir(), 'herald-lane-'));
let emu: Emulators;
beforeAll(async () => {
  emu = await startEmulators();
});
afterAll(async () => {
  await emu.stop();
  rmSync(dir, { recursive: true, force: true });
});

/** Only this test's records count as editors' or imports' (the stream holds the other test's too). */
const kindsOf = (prefix: string) => (r: Parameters<typeof recordKindOf>[0]) => ((r.dynamodb?.Keys?.pk?.S ?? '').startsWith(prefix) ? recordKindOf(r) : 'other');
const put = (pk: string, imported: boolean) =>
  emu.doc.send(new PutCommand({ TableName: emu.table, Item: { pk, sk: 'lane-test', type: 'announcement', ...(imported ? { imported: true } : {}) } }));
const until = async (ok: () => boolean, ms: number) => {
  for (const end = Date.now() + ms; !ok() && Date.now() < end; ) await new Promise((r) => setTimeout(r, 10));
};

/** A handler that records each batch's keys with this test's prefix and holds a batch of imports until `release`. */
function holdingHandler(prefix: string, failFirst: boolean, wroteNothing = false) {
  const batches: string[][] = [];
  let release!: () => void;
  const released = new Promise<void>((r) => (release = r));
  let held = false;
  const handler = async (e: DynamoDBStreamEvent): Promise<DynamoDBBatchResponse & { report?: { written: string[] } }> => {
    const keys = e.Records.map((r) => r.dynamodb?.Keys?.pk?.S ?? '').filter((k) => k.startsWith(prefix));
    if (keys.length) batches.push(keys);
    if (keys.some((k) => k.includes('-imp')) && !held) {
      held = true;
      await released;
      if (failFirst) return { batchItemFailures: [{ itemIdentifier: e.Records[0]!.dynamodb!.SequenceNumber! }] };
      // As the publisher answers a batch of imports whose renders it deferred.
      if (wroteNothing) return { batchItemFailures: [], report: { written: [] } };
    }
    return { batchItemFailures: [] };
  };
  return { batches, release, handler };
}

describe('an editor change on the local stream', () => {
  it('is published while a batch of imports is, and once more after it; the imports come once, in order', async () => {
    // Prepare: three imported records, and a handler that holds their batch.
    for (const k of ['a-imp1', 'a-imp2', 'a-imp3']) await put(k, true);
    const h = holdingHandler('a-', false);
    const poller = new StreamPoller({ streams: emu.streams, streamArn: emu.streamArn, checkpointFile: join(dir, 'a.json'), handler: h.handler, logger: quiet, idleMs: 20, kindOf: kindsOf('a-') });
    poller.start();
    try {
      await until(() => h.batches.length === 1, 10_000);
      // Act: an editor writes while the import's batch is held.
      await put('a-edit', false);
      poller.nudge();
      await until(() => h.batches.flat().includes('a-edit'), 10_000);
      const whileHeld = h.batches.map((b) => [...b]);
      h.release();
      await until(() => h.batches.length >= 3, 10_000);
      await new Promise((r) => setTimeout(r, 500)); // nothing more may come
      // Assess
      expect(whileHeld).toEqual([['a-imp1', 'a-imp2', 'a-imp3'], ['a-edit']]);
      expect(h.batches).toEqual([['a-imp1', 'a-imp2', 'a-imp3'], ['a-edit'], ['a-edit']]);
    } finally {
      await poller.stop();
    }
  });

  it('is published only once when the batch of imports it overtook wrote no file (renders deferred)', async () => {
    for (const k of ['c-imp1', 'c-imp2']) await put(k, true);
    const h = holdingHandler('c-', false, true);
    const poller = new StreamPoller({ streams: emu.streams, streamArn: emu.streamArn, checkpointFile: join(dir, 'c.json'), handler: h.handler, logger: quiet, idleMs: 20, kindOf: kindsOf('c-') });
    poller.start();
    try {
      await until(() => h.batches.length === 1, 10_000);
      // Act
      await put('c-edit', false);
      poller.nudge();
      await until(() => h.batches.flat().includes('c-edit'), 10_000);
      h.release();
      await put('c-after', false);
      poller.nudge();
      await until(() => h.batches.flat().includes('c-after'), 10_000);
      await new Promise((r) => setTimeout(r, 500)); // nothing more may come
      // Assess: the edit early, once; the next write in order after the import's batch.
      expect(h.batches).toEqual([['c-imp1', 'c-imp2'], ['c-edit'], ['c-after']]);
    } finally {
      await poller.stop();
    }
  });

  it('is delivered again in stream order when the batch it overtook fails', async () => {
    // Prepare: the held batch of imports fails once (as a crash would, the early delivery is forgotten).
    for (const k of ['b-imp1', 'b-imp2']) await put(k, true);
    const h = holdingHandler('b-', true);
    const poller = new StreamPoller({ streams: emu.streams, streamArn: emu.streamArn, checkpointFile: join(dir, 'b.json'), handler: h.handler, logger: quiet, idleMs: 20, kindOf: kindsOf('b-') });
    poller.start();
    try {
      await until(() => h.batches.length === 1, 10_000);
      // Act
      await put('b-edit', false);
      poller.nudge();
      await until(() => h.batches.flat().includes('b-edit'), 10_000);
      h.release();
      await until(() => h.batches.flat().filter((k) => k === 'b-edit').length >= 2, 15_000);
      await new Promise((r) => setTimeout(r, 500));
      // Assess: early, then the failed batch again, then the edit in its place in the stream.
      expect(h.batches[0]).toEqual(['b-imp1', 'b-imp2']);
      expect(h.batches[1]).toEqual(['b-edit']);
      expect(h.batches.slice(2).flat()).toEqual(['b-imp1', 'b-imp2', 'b-edit']);
    } finally {
      await poller.stop();
    }
  });
});
