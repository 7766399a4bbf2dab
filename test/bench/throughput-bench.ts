import autocannon from 'autocannon';
import { PutItemCommand } from '@aws-sdk/client-dynamodb';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeDynamoClient } from '../../shared/adapters/aws-clients';
import { startHerald, TEST_TOKEN } from '../support/local-process';
import type { Row } from './stats';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = 10;

/**
 * Admin API POST throughput (autocannon on loopback) against the raw PutItem
 * rate of the same DynamoDB Local, both with 10 concurrent clients. A POST
 * is one transaction of several items (announcement, feed entries, audit),
 * so the raw single-item PutItem rate is the ceiling it is measured against.
 */
export async function throughputBench(): Promise<Row[]> {
  const herald = await startHerald(mkdtempSync(join(tmpdir(), 'herald-tput-')));
  try {
    const endpoint = /DynamoDB Local (http:\/\/127\.0\.0\.1:\d+)/.exec(herald.output())?.[1];
    if (!endpoint) throw new Error('the local runtime did not print its DynamoDB Local endpoint');
    const body = JSON.stringify({
      title: 'Throughput probe: seminar report from Bangkok',
      summary: 'States parties reviewed clearance and victim assistance.',
      body: 'Delegations met in **Bangkok** on 16-17 March. '.repeat(20),
      language: 'en',
      tags: ['bench'],
      status: 'published',
    });
    const api = await autocannon({
      url: `${herald.base}/api/announcements`,
      method: 'POST',
      connections: CONNECTIONS,
      duration: SECONDS,
      headers: { authorization: `Bearer ${TEST_TOKEN}`, 'content-type': 'application/json' },
      body,
    });
    const ok = api['2xx'];
    const apiRate = ok / SECONDS;

    const dynamo = makeDynamoClient({ region: 'us-east-1', dynamoEndpoint: endpoint });
    let puts = 0;
    const until = Date.now() + SECONDS * 1000;
    const worker = async (w: number) => {
      while (Date.now() < until) {
        await dynamo.send(
          new PutItemCommand({
            TableName: 'herald',
            Item: { pk: { S: `BENCH#${w}#${puts}` }, sk: { S: 'B' }, body: { S: body } },
          }),
        );
        puts += 1;
      }
    };
    await Promise.all(Array.from({ length: CONNECTIONS }, (_, w) => worker(w)));
    dynamo.destroy();
    const rawRate = puts / SECONDS;
    const ratio = apiRate / rawRate;
    return [
      {
        benchmark: `admin API POST, ${CONNECTIONS} connections, ${SECONDS} s`,
        measured: `${apiRate.toFixed(0)} req/s (${ok} created, ${api.non2xx} non-2xx, p99 ${api.latency.p99} ms)`,
        limit: `raw PutItem ${rawRate.toFixed(0)} items/s`,
        ratio,
        target: '>= 0.5x',
        met: ratio >= 0.5 && api.non2xx === 0 && api.errors === 0,
      },
    ];
  } finally {
    await herald.stop();
  }
}
