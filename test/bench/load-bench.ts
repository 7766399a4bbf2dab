import { quantile, type Row } from './stats';
import { runLoad, type Kind, type LoadResult } from './load-run';

/** Issue 13, target 7: feed reads and every kind of write, at their p99, with the machine's load beside them. */
const LIMITS: [Kind, string, number][] = [
  ['feed', 'feed read', 100],
  ['create', 'create (POST)', 300],
  ['edit', 'edit (PUT)', 300],
  ['retract', 'retract (DELETE)', 300],
];

/** The load run as bench rows: p99 per kind against its limit, and the JVM's memory over the second half. */
export function loadRows(r: LoadResult): Row[] {
  const load = `load avg ${r.loadavg[0].toFixed(1)} -> ${r.loadavg[1].toFixed(1)}`;
  const where = `${r.seconds} s at ${r.rate} req/s`;
  const rows: Row[] = LIMITS.map(([kind, label, limit]) => {
    const p99 = quantile(r.latencies[kind], 0.99);
    return {
      benchmark: `load ${where}: ${label} p99 (${r.latencies[kind].length} requests)`,
      measured: `${p99.toFixed(0)} ms (p50 ${quantile(r.latencies[kind], 0.5).toFixed(0)}; ${load})`,
      limit: `${limit} ms`,
      ratio: p99 / limit,
      target: '<= 1.0x',
      met: p99 <= limit,
    };
  });
  // Flat: no growth over the second half of the run, once the heap has found its size.
  const mid = r.memory[Math.floor(r.memory.length / 2)]!;
  const end = r.memory[r.memory.length - 1]!;
  const growth = end.jvm / mid.jvm;
  rows.push({
    benchmark: `load ${where}: DynamoDB Local resident memory, end / middle`,
    measured: `${(end.jvm / 1024).toFixed(0)} MB (start ${(r.memory[0]!.jvm / 1024).toFixed(0)})`,
    limit: `${(mid.jvm / 1024).toFixed(0)} MB at ${mid.t} s`,
    ratio: growth,
    target: '<= 1.1x',
    met: growth <= 1.1,
  });
  rows.push({
    benchmark: `load ${where}: errors, dropped, acknowledged writes missing`,
    measured: `${r.errors.length}, ${r.dropped}, ${r.checks.missing} (${r.checks.acked} created)`,
    limit: '0',
    ratio: undefined,
    target: 'none',
    met: r.ok,
  });
  return rows;
}

/** The bench's `load` suite: LOAD_SECONDS (default 30 here, 120 for `npm run load`'s figure) at LOAD_RATE. */
export async function loadBench(seconds = Number(process.env.LOAD_SECONDS ?? 30), rate = Number(process.env.LOAD_RATE ?? 30)): Promise<Row[]> {
  return loadRows(await runLoad(seconds, rate));
}
