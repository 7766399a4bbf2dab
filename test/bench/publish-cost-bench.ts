import { BatchWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { S3Client } from '@aws-sdk/client-s3';
import { DynamoAnnouncementStore } from '../../shared/adapters/dynamo-announcement-store';
import { S3ObjectStore } from '../../shared/adapters/s3-object-store';
import { feedEntryKeys, feedEntrySnapshot, FEED_ENTRY } from '../../shared/adapters/table-keys';
import { auditOf } from '../../shared/domain/audit';
import { makePublisherService } from '../../shared/services/publisher-service';
import { startEmulators } from '../support/emulators';
import { benchAnnouncement } from './corpus';
import { median, spread, timeRuns, type Row } from './stats';
import { publisherPorts } from '../support/publisher-ports';
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

async function seed(emu: Awaited<ReturnType<typeof startEmulators>>, from: number, to: number): Promise<void> {
  const items: Record<string, unknown>[] = [];
  for (let i = from; i < to; i++) {
    const a = benchAnnouncement(i);
    const snapshot = feedEntrySnapshot(a);
    for (const key of feedEntryKeys(a)) items.push({ ...key, type: FEED_ENTRY, announcement: snapshot });
  }
  const batches: Record<string, unknown>[][] = [];
  for (let i = 0; i < items.length; i += 25) batches.push(items.slice(i, i + 25));
  let next = 0;
  const worker = async () => {
    while (next < batches.length) {
      const batch = batches[next++]!;
      let pending: Record<string, unknown>[] = batch.map((Item) => ({ PutRequest: { Item } }));
      while (pending.length) {
        const out = await emu.doc.send(new BatchWriteCommand({ RequestItems: { [emu.table]: pending as never } }));
        pending = (out.UnprocessedItems?.[emu.table] ?? []) as Record<string, unknown>[];
      }
    }
  };
  await Promise.all(Array.from({ length: 8 }, worker));
}

/**
 * One change's publish with a small and a large corpus stored: time and SDK
 * calls. The change is a new announcement in the site, en and two tag feeds.
 */
export async function publishCostBench(
  small = 1000,
  large = Number(process.env.BENCH_CORPUS ?? 100_000),
  hugo?: Map<number, number[]>,
): Promise<Row[]> {
  const emu = await startEmulators();
  const calls: Counter = {};
  countCalls(emu.dynamo, calls);
  countCalls(emu.s3, calls);
  const store = new DynamoAnnouncementStore(emu.doc, emu.table);
  const publisher = makePublisherService({
    ...publisherPorts(emu.doc, emu.table),
    objects: new S3ObjectStore(emu.s3, emu.bucket),
    site: { siteUrl: 'https://news.example.org', siteTitle: 'Herald', siteDescription: 'News', hubs: [] },
    pageSize: 50,
  });
  // The change lands in January 2030, after every stored item: its archive
  // month is new and its neighbour is the corpus's newest (full) month.
  const at = '2030-01-15T12:00:00.000Z';
  const change = { ...benchAnnouncement(10_000_000), createdAt: at, updatedAt: at, publishedAt: at };
  // A new announcement per timed publish, so every one really renders and writes.
  let v = 0;
  const measure = async () => {
    return timeRuns(async () => {
      const after = { ...change, updatedAt: new Date(Date.UTC(2030, 0, 16, 0, 0, ++v)).toISOString() };
      const created = { ...after, id: `10000000-0000-4000-8000-${String(v).padStart(12, '0')}` };
      await store.create(created, auditOf('create', undefined, created));
      await publisher.publishChanges([{ after }]);
    }, 15);
  };
  try {
    await seed(emu, 0, small);
    const smallMs = await measure();
    // The static-site comparison point: Hugo's full build at 10,000 items.
    const middle = 10_000;
    const compared: Row[] = [];
    if (hugo?.has(middle) && large > middle) {
      await seed(emu, small, middle);
      compared.push(oneChangeVersusHugo(middle, await measure(), hugo.get(middle)!));
      await seed(emu, middle, large);
    } else {
      await seed(emu, small, large);
    }
    const largeMs = await measure();
    for (const k of Object.keys(calls)) delete calls[k];
    await publisher.publishChanges([{ after: change }]);
    const perChange = { ...calls };
    for (const k of Object.keys(calls)) delete calls[k];
    await publisher.publishChanges([{ after: change }]);
    const unchangedPuts = calls.PutObjectCommand ?? 0;
    const ratio = median(largeMs) / median(smallMs);
    return [
      ...compared,
      { benchmark: `publish one change, ${large.toLocaleString('en')} stored`, measured: `${spread(largeMs)} ms`, limit: `${small.toLocaleString('en')} stored: ${spread(smallMs)} ms`, ratio, target: '<= 1.2x', met: ratio <= 1.2 },
      { benchmark: 'SDK calls per change', measured: Object.entries(perChange).map(([k, n]) => `${k.replace('Command', '')} ${n}`).join(', '), limit: 'no Scan', ratio: undefined, target: 'Scan 0', met: !perChange.ScanCommand },
      { benchmark: 'S3 writes when bytes unchanged', measured: String(unchangedPuts), limit: '0', ratio: undefined, target: '0', met: unchangedPuts === 0 },
    ];
  } finally {
    await emu.stop();
  }
}
