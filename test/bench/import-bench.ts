import { PutItemCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeDynamoClient } from '../../shared/adapters/aws-clients';
import { startHerald, TEST_TOKEN, type HeraldProcess } from '../support/local-process';
import { median, spread, type Row } from './stats';

const ITEMS = Number(process.env.BENCH_IMPORT_ITEMS ?? 10_000);
const BATCH = 25;
/** Requests in flight, as `herald import` could send them; the raw PutItem rate uses the same. */
const IN_FLIGHT = 4;
const SAMPLES = 7;
/** Posts that fill the site and language feeds' first page before the baseline is taken. */
const FILL = 50;
const auth = { authorization: `Bearer ${TEST_TOKEN}`, 'content-type': 'application/json' };

/** An old item: one a day back from 2016, three tags, a short HTML body, no media. */
const itemOf = (i: number) => ({
  guid: `https://old.example.org/?p=${i}`,
  title: `Archived news ${i}: seminar report`,
  html: `<p>Report ${i} from the <strong>regional seminar</strong>.</p>`,
  language: 'en',
  tags: ['archive', `year-${2016 - Math.floor(i / 365)}`],
  publishedAt: new Date(Date.UTC(2016, 0, 1) - i * 86_400_000).toISOString(),
});

/**
 * `POST /api/import` on npm start: 10,000 items (no media) in batches of 25,
 * 4 requests in flight, against raw PutItem on the same DynamoDB Local with
 * as many clients; then the one-change publish time (POST -> in rss.xml)
 * right after the import, while the publisher still works through the
 * import's stream records, and once it has caught up, each beside the same
 * figure measured before the import with the feeds already full.
 */
export async function importBench(): Promise<Row[]> {
  const herald = await startHerald(mkdtempSync(join(tmpdir(), 'herald-import-bench-')));
  try {
    const endpoint = /DynamoDB Local (http:\/\/127\.0\.0\.1:\d+)/.exec(herald.output())?.[1];
    if (!endpoint) throw new Error('the local runtime did not print its DynamoDB Local endpoint');
    const dynamo = makeDynamoClient({ region: 'us-east-1', dynamoEndpoint: endpoint });
    await putRate(dynamo, 3, 'WARM');
    const raw = await putRate(dynamo, 10, 'RAW');
    dynamo.destroy();
    // Full feeds before the baseline (50 items a page), so before and after differ only in what is stored.
    await publishTimes(herald, 'fill', FILL);
    const before = await publishTimes(herald, 'before');

    const started = performance.now();
    let next = 0;
    let refused = 0;
    await Promise.all(Array.from({ length: IN_FLIGHT }, async () => {
      while (next < ITEMS) {
        const from = next;
        next += BATCH;
        const items = Array.from({ length: Math.min(BATCH, ITEMS - from) }, (_, k) => itemOf(from + k));
        const res = await fetch(`${herald.base}/api/import`, { method: 'POST', headers: auth, body: JSON.stringify({ items }) });
        if (res.status !== 200) throw new Error(`POST /api/import gave ${res.status}: ${await res.text()}`);
        refused += ((await res.json()) as { results: { outcome: string }[] }).results.filter((r) => r.outcome === 'refused').length;
      }
    }));
    const seconds = (performance.now() - started) / 1000;
    const rate = ITEMS / seconds;
    // The stream is ordered: a change made now is published after the import's backlog, so it may wait minutes.
    const rightAfter = await publishTimes(herald, 'after', 1, 600_000);
    const drainStart = performance.now();
    await publishTimes(herald, 'drain', 1, 600_000);
    const drained = (performance.now() - drainStart) / 1000;
    const caughtUp = await publishTimes(herald, 'caught-up');
    return [
      {
        benchmark: `POST /api/import, ${ITEMS.toLocaleString('en')} items (no media), ${BATCH} a batch, ${IN_FLIGHT} in flight`,
        measured: `${rate.toFixed(0)} items/s (${seconds.toFixed(0)} s, ${refused} refused)`,
        limit: `raw PutItem ${raw.toFixed(0)} items/s, ${IN_FLIGHT} clients`,
        ratio: rate / raw,
        target: '>= 0.1x',
        met: rate / raw >= 0.1 && refused === 0,
      },
      {
        benchmark: 'publish one change right after the import (publisher still on its backlog)',
        measured: `${rightAfter[0]!.toFixed(0)} ms (backlog drained ${drained.toFixed(0)} s later)`,
        limit: `before the import: ${spread(before, 0)} ms`,
        ratio: rightAfter[0]! / median(before),
        target: '–',
        met: undefined,
      },
      {
        benchmark: `publish one change after the import, ${ITEMS.toLocaleString('en')} more stored`,
        measured: `${spread(caughtUp, 0)} ms`,
        limit: `before the import: ${spread(before, 0)} ms`,
        ratio: median(caughtUp) / median(before),
        target: '<= 1.2x',
        met: median(caughtUp) / median(before) <= 1.2,
      },
    ];
  } finally {
    await herald.stop();
  }
}

/** POST -> visible in rss.xml, `n` times, in ms. */
async function publishTimes(herald: HeraldProcess, tag: string, n = SAMPLES, timeoutMs = 30_000): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const title = `Bench change ${tag} ${i} ${Date.now()}`;
    const start = performance.now();
    const res = await fetch(`${herald.base}/api/announcements`, { method: 'POST', headers: auth, body: JSON.stringify({ title, language: 'en', status: 'published', body: 'b' }) });
    if (res.status !== 201) throw new Error(`POST gave ${res.status}`);
    while (!(await fetch(`${herald.base}/feeds/rss.xml`).then((r) => r.text())).includes(title)) {
      if (performance.now() - start > timeoutMs) throw new Error(`change ${tag} ${i} not visible within ${timeoutMs / 1000} s`);
      await new Promise((r) => setTimeout(r, 5));
    }
    times.push(performance.now() - start);
  }
  return times;
}

const putRate = async (dynamo: DynamoDBClient, seconds: number, tag: string): Promise<number> => {
  let done = 0;
  const until = Date.now() + seconds * 1000;
  const body = JSON.stringify(itemOf(0));
  await Promise.all(Array.from({ length: IN_FLIGHT }, async (_, w) => {
    while (Date.now() < until) await dynamo.send(new PutItemCommand({ TableName: 'herald', Item: { pk: { S: `BENCH#${tag}#${w}#${done++}` }, sk: { S: 'B' }, body: { S: body } } }));
  }));
  return done / seconds;
};
