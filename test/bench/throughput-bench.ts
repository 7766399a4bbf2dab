import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { makeDynamoClient } from '../../shared/adapters/aws-clients';
import { HOLD_FILE } from '../../infra/local/stream-gates';
import { startScratchHerald } from '../support/local-process';
import { median, spread, type Row } from './stats';
import { caughtUp, CONNECTIONS, ownWriteRate, postRate, putRate, storedItem } from './throughput-rates';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const load = () => readFileSync('/proc/loadavg', 'utf8').split(' ')[0];

/**
 * Admin API POST throughput against the raw PutItem rate of the same DynamoDB
 * Local, in ROUNDS interleaved rounds of SECONDS each (raw PutItem, a
 * POST's own write without Herald, POSTs), so each ratio compares phases a few seconds
 * apart; the rows give the median of the per-round ratios and their range.
 * The publisher is held through the rounds: the write path alone, as in the
 * cloud, where the publisher is another Lambda and DynamoDB's capacity is not
 * shared with it. Then the hold is released, the bench waits until every
 * POST is published (no entry missing), and one phase with the publisher
 * running shows what sharing the two cores and the emulator costs.
 */
export async function throughputBench(): Promise<Row[]> {
  const herald = await startScratchHerald('herald-tput-');
  const dataDir = herald.dataDir;
  const hold = join(dataDir, HOLD_FILE);
  try {
    const endpoint = /DynamoDB Local (http:\/\/127\.0\.0\.1:\d+)/.exec(herald.output())?.[1];
    if (!endpoint) throw new Error('the local runtime did not print its DynamoDB Local endpoint');
    const dynamo = makeDynamoClient({ region: 'us-east-1', dynamoEndpoint: endpoint });
    await postRate(herald, 3);
    await putRate(dynamo, 3, 'WARM');
    // What a POST stores (since round 8 one conditional PutItem, the audit record on the item).
    const template = await storedItem(dynamo);
    await ownWriteRate(dynamo, 3, 'WARM', template);
    await caughtUp(herald, dynamo);

    // The publisher is held through every round: a publish would queue fediverse and webhook messages
    // whose consumers then compete with the next round's raw PutItem (raw fell to about 370/s that way,
    // against 510 to 550/s held), and the ratio would flatter the POST. The backlog is published after.
    const rounds: { raw: number; tx: number; held: number }[] = [];
    let bad = 0;
    const loads = [load()];
    writeFileSync(hold, '');
    for (let r = 0; r < ROUNDS; r++) {
      const raw = await putRate(dynamo, SECONDS, `RAW${r}`);
      const tx = await ownWriteRate(dynamo, SECONDS, `OWN${r}`, template);
      const held = await postRate(herald, SECONDS);
      bad += held.bad;
      rounds.push({ raw, tx, held: held.rate });
      console.log(`throughput round ${r}: raw ${raw.toFixed(0)}/s, own write ${tx.toFixed(0)}/s, POST held ${held.rate.toFixed(0)}/s (p99 ${held.p99} ms); load ${load()}`);
    }
    rmSync(hold);
    const catchUp = await caughtUp(herald, dynamo);
    // Informative: POSTs with the publisher (and its queues) running beside them, once the backlog is out.
    const live = await postRate(herald, SECONDS);
    bad += live.bad;
    await caughtUp(herald, dynamo);
    loads.push(load());
    dynamo.destroy();

    const of = (k: 'raw' | 'tx' | 'held') => rounds.map((x) => x[k]);
    const ratios = (a: 'tx' | 'held', b: 'raw' | 'tx') => rounds.map((x) => x[a] / x[b]);
    const heldRatio = median(ratios('held', 'raw'));
    const shape = `${ROUNDS} rounds of ${SECONDS} s, ${CONNECTIONS} connections, load avg ${loads.join(' -> ')}`;
    return [
      {
        benchmark: `admin API POST, write path (publisher held), against raw PutItem; median of per-round ratios, ${shape}`,
        measured: `${spread(of('held'), 0)} req/s; ratios ${spread(ratios('held', 'raw'))}; ${bad} non-2xx or errors; the held backlog published in ${(catchUp / 1000).toFixed(1)} s, no entry missing`,
        limit: `raw PutItem ${spread(of('raw'), 0)} items/s`,
        ratio: heldRatio,
        target: '>= 0.5x',
        met: heldRatio >= 0.5 && bad === 0,
      },
      {
        benchmark: 'admin API POST with the local publisher running beside it (informative: on `npm start` it shares the cores and DynamoDB Local), one phase after the backlog',
        measured: `${live.rate.toFixed(0)} req/s`,
        limit: `raw PutItem ${median(of('raw')).toFixed(0)} items/s (median of the rounds)`,
        ratio: live.rate / median(of('raw')),
        target: '–',
        met: undefined,
      },
      {
        benchmark: 'admin API POST (held) against its own write without Herald (conditional PutItem of a copy of a stored announcement item, its audit record and index keys included)',
        measured: `${spread(of('held'), 0)} req/s; ratios ${spread(ratios('held', 'tx'))}`,
        limit: `own writes ${spread(of('tx'), 0)}/s (${spread(ratios('tx', 'raw'))}x raw PutItem)`,
        ratio: median(ratios('held', 'tx')),
        target: '–',
        met: undefined,
      },
    ];
  } finally {
    rmSync(hold, { force: true });
    await herald.stop();
  }
}
