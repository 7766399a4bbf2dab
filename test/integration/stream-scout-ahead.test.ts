import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { GetRecordsCommand, type GetRecordsCommandOutput } from '@aws-sdk/client-dynamodb-streams';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import type { DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { recordKindOf } from '../../shared/adapters/dynamo-stream';
import { StreamPoller } from '../../infra/local/stream-poller';
import { startEmulators, type Emulators } from '../support/emulators';

/**
 * While an editor's change read ahead of an import's batch is published, a
 * nudge (a second editor's write) reads the stream's next page beside that
 * publish, so the second change is published as soon as the first ends
 * (infra/local/stream-poller.ts, overtake). Shown by the order of events.
 */
const quiet = { info: () => undefined, warn: () => undefined, error: () => undefined };
const dir = mkdtempSync(join(tmpdir(), 'herald-scout-ahead-'));
let emu: Emulators;
beforeAll(async () => {
  emu = await startEmulators();
});
afterAll(async () => {
  await emu.stop();
  rmSync(dir, { recursive: true, force: true });
});

const keyOf = (r: { dynamodb?: { Keys?: Record<string, { S?: string }> } }) => r.dynamodb?.Keys?.pk?.S ?? '';
const put = (pk: string, imported: boolean) =>
  emu.doc.send(new PutCommand({ TableName: emu.table, Item: { pk, sk: 'ahead-test', type: 'announcement', ...(imported ? { imported: true } : {}) } }));
const until = async (ok: () => boolean, ms: number) => {
  for (const end = Date.now() + ms; !ok() && Date.now() < end; ) await new Promise((r) => setTimeout(r, 10));
};
function latch(): { promise: Promise<void>; open: () => void } {
  let open = () => undefined as void;
  const promise = new Promise<void>((resolve) => (open = resolve));
  return { promise, open };
}

describe('the local stream\'s read-ahead during an editor\'s early publish', () => {
  it('reads a change written meanwhile beside that publish and publishes it right after', async () => {
    // Prepare: a batch of imports and a first editor's publish, each held until the test lets it go;
    // every page the poller reads is noted when it holds the second editor's record.
    const order: string[] = [];
    const imports = latch();
    const first = latch();
    const handler = async (e: DynamoDBStreamEvent): Promise<DynamoDBBatchResponse> => {
      const keys = e.Records.map(keyOf);
      if (keys.includes('c-imp1')) {
        order.push('imports held');
        await imports.promise;
      }
      if (keys.includes('c-edit1')) {
        order.push('first publish starts');
        await first.promise;
        order.push('first publish ends');
      }
      if (keys.includes('c-edit2')) order.push('second publish');
      return { batchItemFailures: [] };
    };
    const streams = {
      send: async (command: unknown) => {
        const out = (await emu.streams.send(command as GetRecordsCommand)) as GetRecordsCommandOutput;
        // Noted once: the ordered pass's own read-ahead (asked at the first nudge) may also come back with it on a busy machine.
        if (command instanceof GetRecordsCommand && out.Records?.some((r) => keyOf(r) === 'c-edit2') && !order.includes('second read')) order.push('second read');
        return out;
      },
    } as unknown as Emulators['streams'];
    const kindOf = (r: Parameters<typeof recordKindOf>[0]) => (keyOf(r).startsWith('c-') ? recordKindOf(r) : 'other');
    for (const k of ['c-imp1', 'c-imp2']) await put(k, true);
    const poller = new StreamPoller({ streams, streamArn: emu.streamArn, checkpointFile: join(dir, 'c.json'), handler, logger: quiet, idleMs: 20, kindOf });
    poller.start();
    try {
      // Act: the first editor's change goes early; the second is written while it is published.
      await until(() => order.includes('imports held'), 10_000);
      await put('c-edit1', false);
      poller.nudge();
      await until(() => order.includes('first publish starts'), 10_000);
      await put('c-edit2', false);
      poller.nudge();
      await until(() => order.includes('second read'), 5_000);
      first.open();
      await until(() => order.includes('second publish'), 10_000);
      imports.open();
      // Assess: the second change was read while the first was published, and published after it.
      expect(order.slice(0, 5)).toEqual(['imports held', 'first publish starts', 'second read', 'first publish ends', 'second publish']);
    } finally {
      first.open();
      imports.open();
      await poller.stop();
    }
  }, 60_000);
});
