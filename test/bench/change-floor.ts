import * as Ddb from '@aws-sdk/client-dynamodb';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { pathToFileURL } from 'node:url';
import { DynamoAnnouncementStore } from '../../shared/adapters/dynamo-announcement-store';
import { S3ObjectStore } from '../../shared/adapters/s3-object-store';
import { auditOf } from '../../shared/domain/audit';
import type { ObjectStore } from '../../shared/ports/object-store';
import { startEmulators } from '../support/emulators';
import { benchChange, benchPublisher } from './bench-publisher';
import type { Distribution } from './corpus';
import { feedIndexSeeder } from './seed-feed-index';
import { median, spread, type Row } from './stats';

type Sent = { name: string; input: unknown };
const READS = new Set(['QueryCommand', 'GetItemCommand', 'BatchGetItemCommand']);

export type ChangeFloor = { count: number; distribution: Distribution; publishMs: number; calls: Record<string, number>; puts: number; kb: number; readsMs: number; writesMs: number; putsMs: number; floorMs: number; floors: number[] };

/**
 * The storage floor under one change's publish (issue 13, target 2): one
 * publish at `count` stored records every DynamoDB command (marshalled) and
 * every PUT; then each kind is replayed with no rendering, all at once: the
 * reads, the writes, the PUTs (same keys, same sizes). A publish needs at
 * least one round of each (the projection before the reads, the PUTs after
 * them, the hash records after the PUTs), so their sum is a floor no
 * rendering change can go under on these emulators.
 */
export async function changeFloor(count: number, distribution: Distribution, rounds = 15): Promise<ChangeFloor> {
  const emu = await startEmulators();
  try {
    await feedIndexSeeder(emu, distribution)(0, count);
    const sent: Sent[] = [];
    let recording = false;
    (emu.dynamo as DynamoDBClient).middlewareStack.add(
      (next, context) => async (args) => {
        if (recording) sent.push({ name: String(context.commandName), input: structuredClone(args.input) });
        return next(args);
      },
      { step: 'build', name: 'floorRecorder' },
    );
    const puts: { key: string; bytes: number; contentType: string; cacheControl: string }[] = [];
    const s3 = new S3ObjectStore(emu.s3, emu.bucket);
    const objects: ObjectStore = Object.assign(Object.create(s3) as ObjectStore, {
      put: (key: string, body: string | Uint8Array, o: { contentType: string; cacheControl: string; sha256: string; bodySha256?: string }) => (recording && puts.push({ key, bytes: body.length, contentType: o.contentType, cacheControl: o.cacheControl }), s3.put(key, body, o)),
    });
    const store = new DynamoAnnouncementStore(emu.doc, emu.table);
    // The bench's publisher, its bucket wrapped to record PUTs.
    const publisher = benchPublisher(emu, objects);
    // A new announcement per publish (warm-up, timed, then one recorded), so every one renders and writes.
    const publish = async (v: number, record = false) => {
      const a = benchChange(v, distribution);
      await store.create(a, auditOf('create', undefined, a));
      recording = record;
      const t = performance.now();
      await publisher.publishChanges([{ after: a }]);
      return performance.now() - t;
    };
    let v = 0;
    const whole: number[] = [];
    for (let i = 0; i < 3; i++) await publish(++v);
    for (let i = 0; i < rounds; i++) whole.push(await publish(++v));
    await publish(++v, true);
    recording = false;
    const send = (s: Sent) => {
      const Command = (Ddb as unknown as Record<string, new (input: unknown) => Ddb.QueryCommand>)[s.name]!;
      // A token would make a replayed transaction an idempotent no-op; a failed condition costs a write's work all the same.
      const { ClientRequestToken: _token, ...input } = structuredClone(s.input) as Record<string, unknown>;
      return emu.dynamo.send(new Command(input)).catch(() => undefined);
    };
    const reads = sent.filter((s) => READS.has(s.name));
    const writes = sent.filter((s) => !READS.has(s.name));
    const timed = async (f: () => Promise<unknown>) => {
      const t = performance.now();
      await f();
      return performance.now() - t;
    };
    const r: number[] = [];
    const w: number[] = [];
    const p: number[] = [];
    for (let i = 0; i < rounds; i++) {
      r.push(await timed(() => Promise.all(reads.map(send))));
      w.push(await timed(() => Promise.all(writes.map(send))));
      p.push(await timed(() => Promise.all(puts.map((x) => s3.put(x.key, 'x'.repeat(x.bytes), { contentType: x.contentType, cacheControl: x.cacheControl, sha256: '0'.repeat(64) })))));
    }
    const byName: Record<string, number> = {};
    for (const s of sent) byName[s.name] = (byName[s.name] ?? 0) + 1;
    return {
      count,
      distribution,
      publishMs: Math.round(median(whole)),
      calls: byName,
      puts: puts.length,
      kb: Math.round(puts.reduce((n, x) => n + x.bytes, 0) / 1e3),
      readsMs: Math.round(median(r)),
      writesMs: Math.round(median(w)),
      putsMs: Math.round(median(p)),
      floorMs: Math.round(median(r) + median(w) + median(p)),
      floors: r.map((x, i) => x + w[i]! + p[i]!),
    };
  } finally {
    await emu.stop();
  }
}

/**
 * Rows for `npm run bench`: the storage floor of one change at 10,000 stored,
 * both distributions, against the same limit as target 2 (Hugo's full build / 50).
 * Not a target: it says whether target 2 can be met on these emulators at all.
 */
export async function changeFloorRows(hugo?: Map<number, number[]>): Promise<Row[]> {
  const rows: Row[] = [];
  for (const d of ['spread', 'busy'] as const) {
    const f = await changeFloor(10_000, d);
    const hugoMs = hugo?.get(10_000);
    const limit = hugoMs ? median(hugoMs) / 50 : undefined;
    const floor = f.floors;
    rows.push({
      benchmark: `storage floor of one change, 10,000 stored${d === 'busy' ? ', all in the current month' : ''}: its ${f.puts} PUTs (${f.kb} KB), reads and writes replayed, no rendering`,
      measured: `${spread(floor, 0)} ms (reads ${f.readsMs} + writes ${f.writesMs} + PUTs ${f.putsMs}; the publish itself ${f.publishMs} ms)`,
      limit: limit ? `Hugo ${spread(hugoMs!, 0)} ms / 50` : 'Hugo not installed',
      ratio: limit ? median(floor) / limit : undefined,
      target: 'diagnostic (over 1x: target 2 is out of reach on these emulators)',
      met: undefined,
    });
  }
  return rows;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  for (const d of ['spread', 'busy'] as const) {
    const { floors: _floors, ...summary } = await changeFloor(Number(process.argv[2] ?? 10_000), d);
    console.log(JSON.stringify(summary));
  }
}
