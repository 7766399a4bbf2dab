import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { S3Client } from '@aws-sdk/client-s3';
import { pathToFileURL } from 'node:url';
import { S3ObjectStore } from '../../shared/adapters/s3-object-store';
import { makePublisherService } from '../../shared/services/publisher-service';
import { startEmulators, type Emulators } from '../support/emulators';
import { publisherPorts } from '../support/publisher-ports';
import { benchAnnouncement } from './corpus';
import { seedTable } from './seed-table';
import type { Row } from './stats';

/** The reconciler's Lambda timeout: what a nightly rebuild must fit in. */
const TIMEOUT_MS = 10 * 60_000;
const TAGS_PER_ITEM = 20;

/** Counts every SDK command a client sends, by command name. */
function countCalls(client: DynamoDBClient | S3Client, counter: Record<string, number>): void {
  (client.middlewareStack as DynamoDBClient['middlewareStack']).add(
    (next, context) => async (args) => {
      counter[String(context.commandName)] = (counter[String(context.commandName)] ?? 0) + 1;
      return next(args);
    },
    { step: 'initialize', name: 'heraldRebuildCounter' },
  );
}

/** `feeds` tag feeds of one item each: announcements with 20 tags apiece, written straight to the table. */
async function seed(emu: Emulators, feeds: number): Promise<string[]> {
  const corpus = [];
  for (let i = 0; i * TAGS_PER_ITEM < feeds; i++) {
    const tags = Array.from({ length: TAGS_PER_ITEM }, (_, k) => `t${String(i * TAGS_PER_ITEM + k).padStart(6, '0')}`);
    corpus.push({ ...benchAnnouncement(i), tags });
  }
  return seedTable(emu, corpus);
}

/**
 * The nightly rebuild at `feeds` tag feeds (one item each, so each has its
 * current documents and one monthly archive), on DynamoDB Local and s3rver:
 * a first rebuild into an empty bucket (every file written) and a second one
 * (nothing drifted: every file checked, none written), the reconciler's
 * usual night. Both are compared with the 10-minute Lambda timeout.
 */
export async function rebuildBench(feeds = Number(process.env.BENCH_FEEDS ?? 1_000)): Promise<Row[]> {
  const emu = await startEmulators();
  const calls: Record<string, number> = {};
  try {
    const keys = await seed(emu, feeds);
    const ports = publisherPorts(emu.doc, emu.table);
    await ports.registry.register(keys);
    countCalls(emu.dynamo, calls);
    countCalls(emu.s3, calls);
    const site = { siteUrl: 'https://news.example.org', siteTitle: 'Herald', siteDescription: 'News', hubs: [] };
    const publisher = makePublisherService({ ...ports, objects: new S3ObjectStore(emu.s3, emu.bucket), site, pageSize: 50 });
    const rows: Row[] = [];
    for (const name of ['first rebuild (empty bucket)', 'nightly rebuild (no drift)']) {
      for (const k of Object.keys(calls)) delete calls[k];
      const started = performance.now();
      const report = await publisher.rebuildAll();
      const ms = performance.now() - started;
      const perFeed = ms / report.feeds.length;
      const heap = process.memoryUsage().heapUsed / 2 ** 20;
      process.stderr.write(
        `rebuild: ${name}: ${report.feeds.length} feeds in ${(ms / 1000).toFixed(1)} s (${perFeed.toFixed(2)} ms a feed), ` +
          `${report.written.length} written, ${report.unchanged.length} unchanged, heap ${heap.toFixed(0)} MB; calls ${JSON.stringify(calls)}\n`,
      );
      rows.push({
        benchmark: `${name}, ${report.feeds.length.toLocaleString('en')} feeds`,
        measured: `${(ms / 1000).toFixed(1)} s (${perFeed.toFixed(2)} ms a feed)`,
        limit: '600 s (reconciler timeout)',
        ratio: ms / TIMEOUT_MS,
        target: '<= 0.5x',
        met: ms <= TIMEOUT_MS / 2,
      });
    }
    return rows;
  } finally {
    await emu.stop();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const rows = await rebuildBench(Number(process.argv[2] ?? process.env.BENCH_FEEDS ?? 1_000));
  console.log(JSON.stringify(rows, null, 2));
}
