/**
 * Load on the local runtime (`npm run load`; not part of the jest suite):
 * LOAD_SECONDS (default 120) of mixed reads and writes at a fixed arrival rate
 * of LOAD_RATE requests a second (default 30), against `npm start` on a fresh
 * DATA_DIR. Reports errors, latency per kind, acknowledged writes against
 * stored announcements, the server's resident memory over time and the
 * machine's load average, then the same figures as bench rows; exits 1 on
 * any error or any acknowledged write not stored.
 *
 *   LOAD_SECONDS=10 npm run load      # the short form CI runs
 */
import { loadRows } from './load-bench';
import { runLoad, type Kind } from './load-run';
import { quantile } from './stats';

const seconds = Number(process.env.LOAD_SECONDS ?? 120);
const rate = Number(process.env.LOAD_RATE ?? 30);
if (!(seconds > 0 && seconds <= 3600 && rate > 0 && rate <= 1000)) throw new Error('LOAD_SECONDS must be 1-3600 and LOAD_RATE 1-1000');

async function main(): Promise<void> {
  const r = await runLoad(seconds, rate);
  console.log(`\nHerald load: ${seconds} s at ${rate} req/s (${r.total} scheduled, ${r.dropped} dropped), took ${r.elapsed.toFixed(1)} s; load average ${r.loadavg[0].toFixed(2)} at the start, ${r.loadavg[1].toFixed(2)} at the end`);
  console.table((Object.keys(r.latencies) as Kind[]).map((k) => ({ kind: k, count: r.latencies[k].length, p50_ms: Math.round(quantile(r.latencies[k], 0.5)), p99_ms: Math.round(quantile(r.latencies[k], 0.99)) })));
  console.log('resident memory (MB): node/npm/tsx process group, DynamoDB Local JVM');
  console.table(r.memory.map((m) => ({ t_s: m.t, herald_mb: +(m.herald / 1024).toFixed(1), jvm_mb: +(m.jvm / 1024).toFixed(1) })));
  const first = r.memory[0]!;
  const last = r.memory[r.memory.length - 1]!;
  console.log(`herald RSS start ${(first.herald / 1024).toFixed(1)} MB, end ${(last.herald / 1024).toFixed(1)} MB (${(((last.herald - first.herald) / first.herald) * 100).toFixed(1)}%)`);
  console.log(`errors: ${r.errors.length}${r.errors.length ? `\n  ${r.errors.slice(0, 20).join('\n  ')}` : ''}`);
  const c = r.checks;
  console.log(`acknowledged creates: ${c.acked}, stored: ${c.stored}, acknowledged but missing: ${c.missing}, stored but never acknowledged: ${c.unacked}, retraction state wrong: ${c.wrongStatus}`);
  if (r.serverFaults.length) console.log(`server log (${r.serverFaults.length} lines mentioning a fault):\n  ${r.serverFaults.slice(0, 30).join('\n  ')}`);
  // The bench rows (test/bench/run.ts's `load` suite prints the same).
  console.log('\n| benchmark | measured | limit | ratio | target | met |\n|---|---|---|---|---|---|');
  for (const row of loadRows(r)) console.log(`| ${row.benchmark} | ${row.measured} | ${row.limit} | ${row.ratio === undefined ? '–' : `${row.ratio.toFixed(2)}x`} | ${row.target} | ${row.met ? 'yes' : '**no**'} |`);
  console.log(r.ok ? 'LOAD OK' : `LOAD FAILED (errors ${r.errors.length}, dropped ${r.dropped}, missing ${c.missing}, unacknowledged ${c.unacked}, wrong state ${c.wrongStatus})`);
  process.exitCode = r.ok ? 0 : 1;
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
