import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeDynamoClient } from '../../shared/adapters/aws-clients';
import { HOLD_FILE } from '../../infra/local/stream-gates';
import { processesMentioning, startHerald } from '../support/local-process';
import { postRate, putRate } from './throughput-rates';

/**
 * Where a POST's CPU goes, beside a raw PutItem's: CPU milliseconds per
 * operation of DynamoDB Local's JVM, of Herald's process and of this one
 * (the SDK client or autocannon), from /proc, with the publisher held.
 * `npx tsx test/bench/post-cpu.ts` (ROUNDS, SECS); add
 * PROF_NODE_OPTIONS="--cpu-prof --cpu-prof-dir=DIR" for Herald's own profile.
 */
const dir = mkdtempSync(join(tmpdir(), 'herald-post-cpu-'));
const herald = await startHerald(dir, { NODE_OPTIONS: process.env.PROF_NODE_OPTIONS ?? '' });
const endpoint = /DynamoDB Local (http:\/\/127\.0\.0\.1:\d+)/.exec(herald.output())![1]!;
const dynamo = makeDynamoClient({ region: 'us-east-1', dynamoEndpoint: endpoint });
const mine = (pid: number, needle: string, file: 'cmdline' | 'environ') => readFileSync(`/proc/${pid}/${file}`, 'utf8').includes(needle);
const pids = {
  jvm: processesMentioning(dir).filter((p) => mine(p, 'java', 'cmdline')),
  herald: processesMentioning('infra/local/main.ts').filter((p) => mine(p, `DATA_DIR=${dir}`, 'environ')),
  client: [process.pid],
};
/** utime + stime in ms (clock ticks of 10 ms). */
const cpuMs = (pid: number) => {
  const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(f[11]) + Number(f[12])) * 10;
};
const cpu = () => Object.fromEntries(Object.entries(pids).map(([k, ps]) => [k, ps.reduce((s, p) => s + cpuMs(p), 0)]));
writeFileSync(join(dir, HOLD_FILE), '');
await postRate(herald, 3);
await putRate(dynamo, 3, 'W');
const S = Number(process.env.SECS ?? 8);
for (let i = 0; i < Number(process.env.ROUNDS ?? 2); i++) {
  for (const [name, run] of [['raw PutItem', () => putRate(dynamo, S, `R${i}`)], ['POST', async () => (await postRate(herald, S)).rate]] as const) {
    const before = cpu();
    const rate = await run();
    const after = cpu();
    const per = Object.keys(pids).map((k) => `${k} ${((after[k]! - before[k]!) / (rate * S)).toFixed(2)}`);
    console.log(`${name}: ${rate.toFixed(0)}/s; CPU ms per operation: ${per.join(', ')}; load ${readFileSync('/proc/loadavg', 'utf8').split(' ')[0]}`);
  }
}
rmSync(join(dir, HOLD_FILE));
dynamo.destroy();
await herald.stop();
