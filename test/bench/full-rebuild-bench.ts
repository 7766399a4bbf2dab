import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { CreateBucketCommand, type S3Client } from '@aws-sdk/client-s3';
import { pathToFileURL } from 'node:url';
import { S3ObjectStore } from '../../shared/adapters/s3-object-store';
import { makePublisherService } from '../../shared/services/publisher-service';
import { startEmulators, type Emulators } from '../support/emulators';
import { publisherPorts } from '../support/publisher-ports';
import { benchAnnouncement } from './corpus';
import { seedTable } from './seed-table';
import { hugoBuildTimes, hugoInstalled } from './hugo-bench';
import { median, spread, type Row } from './stats';

/** Counts every SDK command a client sends, by command name. */
function countCalls(client: DynamoDBClient | S3Client, counter: Record<string, number>): void {
  (client.middlewareStack as DynamoDBClient['middlewareStack']).add(
    (next, context) => async (args) => {
      counter[String(context.commandName)] = (counter[String(context.commandName)] ?? 0) + 1;
      return next(args);
    },
    { step: 'initialize', name: 'heraldFullRebuildCounter' },
  );
}

/** The bench corpus (the one Hugo builds) written straight to the table, with its feeds. */
async function seed(emu: Emulators, count: number): Promise<string[]> {
  return seedTable(emu, Array.from({ length: count }, (_, i) => benchAnnouncement(i)));
}

/**
 * A full rebuild (every feed with all its archives, calendars, the OPML list,
 * the home page and the site window's pages) of the corpus Hugo builds, into
 * an empty bucket, against Hugo's full build of the same `count` items
 * (measured here when the caller has no times for it).
 */
export async function fullRebuildBench(hugo?: Map<number, number[]>, count = Number(process.env.BENCH_REBUILD_ITEMS ?? 10_000), runs = 3): Promise<Row[]> {
  const hugoMs = hugo?.get(count) ?? (hugoInstalled() ? hugoBuildTimes([count]).get(count) : undefined);
  // BENCH_S3_THREAD=1 runs s3rver on a thread of its own, as `npm start` does; not the default,
  // as it measured no faster here (test/bench/gaps.md).
  const emu = await startEmulators({ s3Thread: process.env.BENCH_S3_THREAD === '1' });
  const calls: Record<string, number> = {};
  try {
    const keys = await seed(emu, count);
    const ports = publisherPorts(emu.doc, emu.table);
    await ports.registry.register(keys);
    countCalls(emu.dynamo, calls);
    countCalls(emu.s3, calls);
    const site = { siteUrl: 'https://news.example.org', siteTitle: 'Herald', siteDescription: 'News', hubs: [] };
    const ms: number[] = [];
    for (let run = 0; run < runs; run++) {
      // An empty bucket per run: the listing finds nothing, so every file is rendered, written and recorded.
      const bucket = `herald-rebuild-${run}`;
      await emu.s3.send(new CreateBucketCommand({ Bucket: bucket }));
      const publisher = makePublisherService({ ...ports, objects: new S3ObjectStore(emu.s3, bucket), site, pageSize: 50 });
      for (const k of Object.keys(calls)) delete calls[k];
      const started = performance.now();
      const report = await publisher.rebuildAll();
      ms.push(performance.now() - started);
      process.stderr.write(`full rebuild: ${count} items, ${report.feeds.length} feeds, ${report.written.length} written in ${(ms.at(-1)! / 1000).toFixed(2)} s; calls ${JSON.stringify(calls)}\n`);
    }
    const ratio = hugoMs ? median(ms) / median(hugoMs) : undefined;
    return [
      {
        benchmark: `full rebuild into an empty bucket, ${count.toLocaleString('en')} stored`,
        measured: `${spread(ms, 0)} ms`,
        limit: hugoMs ? `Hugo full build ${spread(hugoMs, 0)} ms` : 'Hugo not installed',
        ratio,
        target: '<= 1.0x',
        met: ratio === undefined ? undefined : ratio <= 1,
      },
    ];
  } finally {
    await emu.stop();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  console.log(JSON.stringify(await fullRebuildBench(undefined, Number(process.argv[2] ?? 10_000), Number(process.argv[3] ?? 3)), null, 2));
}
