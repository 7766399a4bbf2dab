import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { S3Client } from '@aws-sdk/client-s3';
import { DynamoAnnouncementStore } from '../../shared/adapters/dynamo-announcement-store';
import { auditOf } from '../../shared/domain/audit';
import { startEmulators } from '../support/emulators';
import { benchChange, benchPublisher } from './bench-publisher';
import type { Distribution } from './corpus';
import { feedIndexSeeder } from './seed-feed-index';
import { median, spread, type Row } from './stats';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeS3Client } from '../../shared/adapters/aws-clients';
import { startS3Emulator } from '../../infra/local/emulators';
import { oneChangeVersusHugo } from './hugo-bench';

type Counter = Record<string, number>;

/** Counts every SDK command a client sends, by command name. */
function countCalls(client: DynamoDBClient | S3Client, counter: Counter): void {
  (client.middlewareStack as DynamoDBClient['middlewareStack']).add(
    (next, context) => async (args) => {
      const name = String(context.commandName);
      counter[name] = (counter[name] ?? 0) + 1;
      return next(args);
    },
    { step: 'initialize', name: 'heraldCallCounter' },
  );
}

/**
 * One change's publish with a small and a large corpus stored, for a corpus
 * spread over years and one whose items all share the change's month: time
 * and SDK calls. The change is a new announcement in the site, en and two tag
 * feeds.
 */
export async function publishCostBench(
  small = 1000,
  large = Number(process.env.BENCH_CORPUS ?? 100_000),
  hugo?: Map<number, number[]>,
): Promise<Row[]> {
  const spreadRows = await publishCost(small, large, hugo, 'spread');
  const busyRows = await publishCost(small, large, hugo, 'busy');
  // The S3 row once, from the spread corpus (as before); the busy month's SDK calls beside the spread's.
  return [...spreadRows, ...busyRows.filter((r) => !r.benchmark.startsWith('S3 writes'))];
}

async function publishCost(small: number, large: number, hugo: Map<number, number[]> | undefined, distribution: Distribution): Promise<Row[]> {
  const label = distribution === 'busy' ? ', all in the current month' : '';
  const emu = await startEmulators();
  const seedOnly = feedIndexSeeder(emu, distribution);
  let seededIn = 0;
  const seed = async (from: number, to: number) => {
    const start = Date.now();
    await seedOnly(from, to);
    seededIn += (Date.now() - start) / 1000;
  };
  const calls: Counter = {};
  countCalls(emu.dynamo, calls);
  countCalls(emu.s3, calls);
  const store = new DynamoAnnouncementStore(emu.doc, emu.table);
  const publisher = benchPublisher(emu);
  // s3rver on a thread of its own, as `npm start` runs it (in the cloud S3's work is not on the
  // publisher's CPU either): the same publisher, with its objects in that emulator's bucket.
  const s3Dir = mkdtempSync(join(tmpdir(), 'herald-bench-s3-'));
  // A bucket name of its own, so its hash records are its own too.
  const s3Apart = await startS3Emulator({ dir: s3Dir, thread: true, buckets: ['herald-bench-apart'] });
  const s3ApartClient = makeS3Client({ region: 'us-east-1', s3Endpoint: s3Apart.endpoint });
  const publisherApart = benchPublisher({ ...emu, s3: s3ApartClient, bucket: 'herald-bench-apart' });
  // The change lands in January 2030, after every stored item: spread, its
  // archive month is new and its neighbour is the corpus's newest (full)
  // month; busy, it joins the last page of the month every item is in (benchChange).
  // A new announcement per timed publish, so every one really renders and writes.
  let v = 0;
  // Only the publish is timed (the stream record in to the last file and its hash record
  // written): the announcement's own write is the POST's, not the publish's.
  const publishNew = async (by = publisher) => {
    const created = benchChange(++v, distribution);
    await store.create(created, auditOf('create', undefined, created));
    // The stored announcement is what is published (an unstored image projects nothing and writes nothing).
    const start = process.hrtime.bigint();
    await by.publishChanges([{ after: created }]);
    return Number(process.hrtime.bigint() - start) / 1e6;
  };
  const measure = async () => {
    for (let i = 0; i < 3; i++) await publishNew();
    const ms: number[] = [];
    for (let i = 0; i < 15; i++) ms.push(await publishNew());
    return ms;
  };
  /** Interleaved: s3rver on the publisher's thread (as the other rows) and on its own. */
  const measureBoth = async () => {
    for (let i = 0; i < 3; i++) await publishNew(publisher), await publishNew(publisherApart);
    const here: number[] = [];
    const apart: number[] = [];
    for (let i = 0; i < 15; i++) here.push(await publishNew(publisher)), apart.push(await publishNew(publisherApart));
    return { here, apart };
  };
  try {
    await seed(0, small);
    const smallMs = await measure();
    // The static-site comparison point: Hugo's full build at 10,000 items.
    const middle = 10_000;
    const compared: Row[] = [];
    if (hugo?.has(middle) && large > middle) {
      await seed(small, middle);
      const { here, apart } = await measureBoth();
      compared.push(
        { ...oneChangeVersusHugo(middle, here, hugo.get(middle)!), benchmark: `publish one change vs Hugo rebuild, ${middle.toLocaleString('en')} stored${label}` },
        { ...oneChangeVersusHugo(middle, apart, hugo.get(middle)!), benchmark: `the same, s3rver on a thread of its own (as npm start runs it)${label}` },
      );
      await seed(middle, large);
    } else {
      await seed(small, large);
    }
    process.stderr.write(`bench: publish-cost ${distribution}: seeded ${large.toLocaleString('en')} in ${seededIn.toFixed(0)} s\n`);
    const largeMs = await measure();
    // Counted: one more new announcement, stored and published like the timed ones (it used to be an
    // unstored copy, whose publish wrote nothing), then the same change again (nothing to write).
    const counted = { ...benchChange(0, distribution), id: '10000000-0000-4000-8000-999999999999', updatedAt: new Date(Date.UTC(2030, 0, 16, 1)).toISOString() };
    await store.create(counted, auditOf('create', undefined, counted));
    for (const k of Object.keys(calls)) delete calls[k];
    await publisher.publishChanges([{ after: counted }]);
    const perChange = { ...calls };
    for (const k of Object.keys(calls)) delete calls[k];
    await publisher.publishChanges([{ after: counted }]);
    const unchangedPuts = calls.PutObjectCommand ?? 0;
    // Reads and the projection: everything but the changed files' PUTs and their hash records' writes.
    const reads = Object.entries(perChange).reduce((n, [k, c]) => n + (k === 'PutObjectCommand' || k === 'BatchWriteItemCommand' ? 0 : c), 0);
    const ratio = median(largeMs) / median(smallMs);
    return [
      ...compared,
      { benchmark: `publish one change, ${large.toLocaleString('en')} stored${label}`, measured: `${spread(largeMs)} ms`, limit: `${small.toLocaleString('en')} stored: ${spread(smallMs)} ms`, ratio, target: '<= 1.2x', met: ratio <= 1.2 },
      { benchmark: `SDK calls per change${label}`, measured: Object.entries(perChange).map(([k, n]) => `${k.replace('Command', '')} ${n}`).join(', '), limit: 'no Scan, no HeadObject', ratio: undefined, target: 'Scan 0', met: !perChange.ScanCommand && !perChange.HeadObjectCommand },
      { benchmark: `storage calls per change besides the changed files' PUTs and hash records${label}`, measured: String(reads), limit: '81 (29 Query, 3 GetItem, 49 HeadObject) / 3', ratio: reads / 27, target: '<= 1x', met: reads <= 27 },
      { benchmark: 'S3 writes when bytes unchanged', measured: String(unchangedPuts), limit: '0', ratio: undefined, target: '0', met: unchangedPuts === 0 },
    ];
  } finally {
    s3ApartClient.destroy();
    await s3Apart.stop();
    rmSync(s3Dir, { recursive: true, force: true });
    await emu.stop();
  }
}
