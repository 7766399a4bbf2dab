import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import type { DynamoDBStreamEvent } from 'aws-lambda';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { StreamPoller } from '../../infra/local/stream-poller';
import { startEmulators, type Emulators } from '../support/emulators';

/**
 * The local stream poller between polls keeps its shard list and iterators;
 * a nudge ends its idle wait, and a failed batch is delivered again, whole.
 */
const quiet = { info: () => undefined, warn: () => undefined, error: () => undefined };
const dir = mkdtempSync(join(tmpdir(), 'herald-poller-'));
let emu: Emulators;
beforeAll(async () => {
  emu = await startEmulators();
});
afterAll(async () => {
  await emu.stop();
  rmSync(dir, { recursive: true, force: true });
});

const put = (pk: string) => emu.doc.send(new PutCommand({ TableName: emu.table, Item: { pk, sk: 'poller-test' } }));
const keysOf = (e: DynamoDBStreamEvent) => e.Records.map((r) => r.dynamodb?.Keys?.pk?.S ?? '');
const until = async (ok: () => boolean, ms: number) => {
  for (const end = Date.now() + ms; !ok() && Date.now() < end; ) await new Promise((r) => setTimeout(r, 10));
};

describe('the local stream poller', () => {
  it('delivers within a fraction of its idle wait when nudged, then every later record once, in order', async () => {
    // Prepare: an idle wait far longer than the test waits.
    const seen: string[] = [];
    const poller = new StreamPoller({ streams: emu.streams, streamArn: emu.streamArn, checkpointFile: join(dir, 'a.json'), handler: async (e) => (seen.push(...keysOf(e)), { batchItemFailures: [] }), logger: quiet, idleMs: 30_000 });
    poller.start();
    try {
      await new Promise((r) => setTimeout(r, 500)); // the first pass finds nothing and goes idle
      // Act
      for (const k of ['n1', 'n2', 'n3']) {
        await put(k);
        poller.nudge();
        await until(() => seen.includes(k), 5_000);
      }
      // Assess
      expect(seen).toEqual(['n1', 'n2', 'n3']);
    } finally {
      await poller.stop();
    }
  });

  it('delivers a failed batch again, from the same record, on the next try', async () => {
    // Prepare: a handler that fails the first delivery of f2 only.
    const seen: string[][] = [];
    let failed = false;
    const poller = new StreamPoller({
      streams: emu.streams,
      streamArn: emu.streamArn,
      checkpointFile: join(dir, 'b.json'),
      handler: async (e) => {
        const keys = keysOf(e).filter((k) => k.startsWith('f'));
        if (keys.length) seen.push(keys);
        if (keys.includes('f2') && !failed) {
          failed = true;
          throw new Error('injected');
        }
        return { batchItemFailures: [] };
      },
      logger: quiet,
      idleMs: 20,
    });
    poller.start();
    try {
      // Act
      await put('f1');
      await until(() => seen.flat().includes('f1'), 5_000);
      await put('f2');
      await until(() => seen.filter((b) => b.includes('f2')).length >= 2, 10_000);
      // Assess: f2 came twice (the failure, the retry), f1 once.
      expect(seen.flat().filter((k) => k === 'f1')).toHaveLength(1);
      expect(seen.filter((b) => b.includes('f2'))).toHaveLength(2);
    } finally {
      await poller.stop();
    }
  });

  it('reads the next page beside a batch when nudged mid-batch, and delivers it next, once', async () => {
    // Prepare: pages of the stream as GetRecords returns them, and a handler that writes r2 while r1 is handled.
    const log: string[] = [];
    const name = 'pagesSeen';
    emu.streams.middlewareStack.add(
      (next, context) => async (args) => {
        const out = await next(args);
        if (context.commandName === 'GetRecordsCommand') {
          const keys = ((out.output as { Records?: { dynamodb?: { Keys?: { pk?: { S?: string } } } }[] }).Records ?? []).map((r) => r.dynamodb?.Keys?.pk?.S ?? '').filter((k) => k.startsWith('r'));
          if (keys.length) log.push(`page ${keys.join(',')}`);
        }
        return out;
      },
      { step: 'initialize', name },
    );
    const seen: string[] = [];
    const poller = new StreamPoller({
      streams: emu.streams,
      streamArn: emu.streamArn,
      checkpointFile: join(dir, 'c.json'),
      handler: async (e) => {
        const keys = keysOf(e).filter((k) => k.startsWith('r'));
        seen.push(...keys);
        if (keys.includes('r1')) {
          await put('r2');
          poller.nudge();
          await until(() => log.includes('page r2'), 5_000);
          log.push('r1 handled');
        }
        return { batchItemFailures: [] };
      },
      logger: quiet,
      idleMs: 30_000,
    });
    poller.start();
    try {
      await new Promise((r) => setTimeout(r, 500));
      // Act
      await put('r1');
      poller.nudge();
      await until(() => seen.includes('r2'), 10_000);
      // Assess: r2's page came while r1 was still being handled; each was delivered once, in order.
      expect(log).toEqual(['page r1', 'page r2', 'r1 handled']);
      expect(seen).toEqual(['r1', 'r2']);
    } finally {
      emu.streams.middlewareStack.remove(name);
      await poller.stop();
    }
  });
});
