import autocannon from 'autocannon';
import { PutItemCommand, TransactWriteItemsCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeDynamoClient } from '../../shared/adapters/aws-clients';
import { startHerald, TEST_TOKEN, type HeraldProcess } from '../support/local-process';
import type { Row } from './stats';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = 10;
const BODY = JSON.stringify({
  title: 'Throughput probe: seminar report from Bangkok',
  summary: 'States parties reviewed clearance and victim assistance.',
  body: 'Delegations met in **Bangkok** on 16-17 March. '.repeat(20),
  language: 'en',
  tags: ['bench'],
  status: 'published',
});
/**
 * What one such POST writes in its transaction: the announcement and its audit
 * record (its 3 feed entries, site, en and bench, are the publisher's since
 * the feed index became a projection of the stream; 5 items before).
 */
const ITEMS_PER_POST = 2;

/**
 * Admin API POST throughput (autocannon on loopback, 10 connections) against
 * the raw PutItem rate of the same DynamoDB Local, 10 clients. Both run after
 * a warm-up (the JVM's JIT) and with the stream publisher caught up, so
 * neither phase pays for the other. A third figure, the rate of bare
 * TransactWriteItems of a POST's size, is the floor of Herald's write model: how much
 * of the gap is the transaction a POST needs, and how much is Herald.
 */
export async function throughputBench(): Promise<Row[]> {
  const herald = await startHerald(mkdtempSync(join(tmpdir(), 'herald-tput-')));
  try {
    const endpoint = /DynamoDB Local (http:\/\/127\.0\.0\.1:\d+)/.exec(herald.output())?.[1];
    if (!endpoint) throw new Error('the local runtime did not print its DynamoDB Local endpoint');
    const dynamo = makeDynamoClient({ region: 'us-east-1', dynamoEndpoint: endpoint });

    await posts(herald, 3);
    await putRate(dynamo, 3, 'WARM');
    await transactRate(dynamo, 3, 'WARM');
    await caughtUp(herald);

    const raw = await putRate(dynamo, SECONDS, 'RAW');
    const floor = await transactRate(dynamo, SECONDS, 'TX');
    await caughtUp(herald);
    const api = await posts(herald, SECONDS);
    dynamo.destroy();

    const apiRate = api.ok / SECONDS;
    const ok = api.non2xx === 0 && api.errors === 0;
    return [
      {
        benchmark: `admin API POST, ${CONNECTIONS} connections, ${SECONDS} s`,
        measured: `${apiRate.toFixed(0)} req/s (${api.ok} created, ${api.non2xx} non-2xx, p99 ${api.p99} ms)`,
        limit: `raw PutItem ${raw.toFixed(0)} items/s`,
        ratio: apiRate / raw,
        target: '>= 0.5x',
        met: apiRate / raw >= 0.5 && ok,
      },
      {
        benchmark: `admin API POST against its own write (${ITEMS_PER_POST}-item TransactWriteItems)`,
        measured: `${apiRate.toFixed(0)} req/s`,
        limit: `bare transactions ${floor.toFixed(0)}/s (${(floor / raw).toFixed(2)}x raw PutItem)`,
        ratio: apiRate / floor,
        target: '–',
        met: undefined,
      },
    ];
  } finally {
    await herald.stop();
  }
}

async function posts(herald: HeraldProcess, seconds: number) {
  const result = await autocannon({
    url: `${herald.base}/api/announcements`,
    method: 'POST',
    connections: CONNECTIONS,
    duration: seconds,
    headers: { authorization: `Bearer ${TEST_TOKEN}`, 'content-type': 'application/json' },
    body: BODY,
  });
  return { ok: result['2xx'], non2xx: result.non2xx, errors: result.errors, p99: result.latency.p99 };
}

/** Items per second that CONNECTIONS clients write for `seconds`, one write (of any shape) per call. */
async function rateOf(seconds: number, write: (worker: number, n: number) => Promise<unknown>): Promise<number> {
  let done = 0;
  const until = Date.now() + seconds * 1000;
  await Promise.all(
    Array.from({ length: CONNECTIONS }, async (_, w) => {
      while (Date.now() < until) await write(w, done++);
    }),
  );
  return done / seconds;
}

const putRate = (dynamo: DynamoDBClient, seconds: number, tag: string) =>
  rateOf(seconds, (w, n) =>
    dynamo.send(new PutItemCommand({ TableName: 'herald', Item: { pk: { S: `BENCH#${tag}#${w}#${n}` }, sk: { S: 'B' }, body: { S: BODY } } })),
  );

const transactRate = (dynamo: DynamoDBClient, seconds: number, tag: string) =>
  rateOf(seconds, (w, n) =>
    dynamo.send(
      new TransactWriteItemsCommand({
        TransactItems: Array.from({ length: ITEMS_PER_POST }, (_, i) => ({
          Put: {
            TableName: 'herald',
            Item: { pk: { S: `BENCH#${tag}#${w}#${n}` }, sk: { S: `I${i}` }, body: { S: BODY } },
            // A POST's create is conditional on the id being new; so is this one.
            ...(i === 0 ? { ConditionExpression: 'attribute_not_exists(pk)' } : {}),
          },
        })),
      }),
    ),
  );

/** Waits until the publisher has put the newest announcement into rss.xml. */
async function caughtUp(herald: HeraldProcess): Promise<void> {
  const auth = { authorization: `Bearer ${TEST_TOKEN}` };
  const newest = (await fetch(`${herald.base}/api/announcements?limit=1`, { headers: auth }).then((r) => r.json())) as { items: { id: string }[] };
  const id = newest.items[0]?.id;
  if (!id) return;
  const deadline = Date.now() + 120_000;
  while (!(await fetch(`${herald.base}/feeds/rss.xml`).then((r) => r.text())).includes(id)) {
    if (Date.now() > deadline) throw new Error('the publisher did not catch up within 120 s');
    await new Promise((r) => setTimeout(r, 200));
  }
}
