import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { S3Client } from '@aws-sdk/client-s3';
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { DynamoAnnouncementStore } from '../../shared/adapters/dynamo-announcement-store';
import { auditOf } from '../../shared/domain/audit';
import { startEmulators } from '../support/emulators';
import { benchChange, benchPublisher } from './bench-publisher';
import type { Distribution } from './corpus';
import { feedIndexSeeder } from './seed-feed-index';

type Call = { name: string; what: string; start: number; end: number };

/** Records every SDK call with its start, end and what it touched, for a timeline of one publish. */
function trace(client: DynamoDBClient | S3Client, calls: Call[], t0: () => number): void {
  (client.middlewareStack as DynamoDBClient['middlewareStack']).add(
    (next, context) => async (args) => {
      const input = (args as { input: Record<string, unknown> }).input;
      const values = input.ExpressionAttributeValues as Record<string, { S?: string }> | undefined;
      const what = input.Key ? JSON.stringify(input.Key).slice(0, 60) : values ? Object.values(values).map((v) => (typeof v === "string" ? v : (v.S ?? ""))).join(" ").slice(0, 70) : "";
      const c: Call = { name: String(context.commandName).replace('Command', ''), what, start: t0(), end: 0 };
      calls.push(c);
      try {
        return await next(args);
      } finally {
        c.end = t0();
      }
    },
    { step: 'initialize', name: 'heraldTrace' },
  );
}

/** Seeds N items (argv[2], default 10,000) in a distribution (argv[3]) and prints the call timeline of one publish. */
async function main(): Promise<void> {
  const n = Number(process.argv[2] ?? 10_000);
  const distribution = (process.argv[3] ?? 'spread') as Distribution;
  const emu = await startEmulators({ s3Thread: process.env.BENCH_S3_THREAD === "1" });
  try {
    await feedIndexSeeder(emu, distribution)(0, n);
    const calls: Call[] = [];
    let base = performance.now();
    const t0 = () => performance.now() - base;
    trace(emu.dynamo, calls, t0);
    trace(emu.s3, calls, t0);
    const store = new DynamoAnnouncementStore(emu.doc, emu.table);
    const publisher = benchPublisher(emu);
    const times: number[] = [];
    // PROFILE_CPU=file.cpuprofile: a CPU profile of the publishes only (not the seeding).
    const session = process.env.PROFILE_CPU ? new Session() : undefined;
    if (session) {
      session.connect();
      await session.post('Profiler.enable');
      await session.post('Profiler.start');
    }
    for (let v = 1; v <= Number(process.argv[4] ?? 8); v++) {
      const after = benchChange(v, distribution);
      await store.create(after, auditOf('create', undefined, after));
      calls.length = 0;
      base = performance.now();
      await publisher.publishChanges([{ after }]);
      times.push(t0());
    }
    if (session) writeFileSync(process.env.PROFILE_CPU!, JSON.stringify((await session.post('Profiler.stop')).profile));
    const kinds: Record<string, number> = {};
    for (const c of calls) kinds[c.name] = (kinds[c.name] ?? 0) + 1;
    for (const c of calls) console.log(`${c.start.toFixed(1).padStart(7)} ${c.end.toFixed(1).padStart(7)} ${c.name.padEnd(18)} ${c.what}`);
    console.log('calls', calls.length, JSON.stringify(kinds));
    console.log('times ms', times.map((t) => t.toFixed(0)).join(' '));
  } finally {
    await emu.stop();
  }
}
await main();
