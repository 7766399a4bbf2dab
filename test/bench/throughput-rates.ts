import autocannon from 'autocannon';
import { GetItemCommand, PutItemCommand, QueryCommand, type AttributeValue, type DynamoDBClient, type QueryCommandInput } from '@aws-sdk/client-dynamodb';
import { feedKeyOf } from '../../shared/domain/feeds';
import { feedPartition } from '../../shared/adapters/table-keys';
import { GSI1 } from '../../shared/table-definition';
import { TEST_TOKEN, type HeraldProcess } from '../support/local-process';

/** Concurrent clients in every phase: autocannon connections, SDK writers. */
export const CONNECTIONS = 10;
export const BENCH_TAG = 'bench';
export const BODY = JSON.stringify({
  title: 'Throughput probe: seminar report from Bangkok',
  summary: 'States parties reviewed clearance and victim assistance.',
  body: 'Delegations met in **Bangkok** on 16-17 March. '.repeat(20),
  language: 'en',
  tags: [BENCH_TAG],
  status: 'published',
});

/** POSTs for `seconds` over CONNECTIONS keep-alive connections; rate counts 201s only. */
export async function postRate(herald: HeraldProcess, seconds: number) {
  const result = await autocannon({
    url: `${herald.base}/api/announcements`,
    method: 'POST',
    connections: CONNECTIONS,
    duration: seconds,
    headers: { authorization: `Bearer ${TEST_TOKEN}`, 'content-type': 'application/json' },
    body: BODY,
  });
  return { rate: result['2xx'] / seconds, ok: result['2xx'], bad: result.non2xx + result.errors, p99: result.latency.p99 };
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

/** Bare PutItem of a POST body's size from this process: the limit the issue names. */
export const putRate = (dynamo: DynamoDBClient, seconds: number, tag: string) =>
  rateOf(seconds, (w, n) =>
    dynamo.send(new PutItemCommand({ TableName: 'herald', Item: { pk: { S: `BENCH#${tag}#${w}#${n}` }, sk: { S: 'B' }, body: { S: BODY } } })),
  );

/**
 * A stored announcement item as DynamoDB holds it (its audit record on it,
 * its list-index keys), read raw: the template of a POST's own write.
 */
export async function storedItem(dynamo: DynamoDBClient): Promise<Record<string, AttributeValue>> {
  const out = await dynamo.send(
    new QueryCommand({ TableName: 'herald', IndexName: GSI1, KeyConditionExpression: 'gsi1pk = :p', ExpressionAttributeValues: { ':p': { S: 'ANN' } }, Limit: 1 }),
  );
  const key = out.Items?.[0];
  if (!key) throw new Error('no announcement stored to copy');
  const got = await dynamo.send(new GetItemCommand({ TableName: 'herald', Key: { pk: key.pk!, sk: key.sk! }, ConsistentRead: true }));
  return got.Item!;
}

/**
 * A POST's own write without Herald: the conditional PutItem of a copy of a
 * stored announcement item (same attributes, audit record and index keys,
 * under a list-index key of its own so the announcements' list and counts
 * stay the bench's POSTs, and another type so the publisher ignores it).
 */
export const ownWriteRate = (dynamo: DynamoDBClient, seconds: number, tag: string, template: Record<string, AttributeValue>) =>
  rateOf(seconds, (w, n) => {
    const pk = `BENCH#${tag}#${w}#${n}`;
    const Item = { ...template, pk: { S: pk }, type: { S: 'bench-write' }, gsi1pk: { S: 'BENCH' }, gsi1sk: { S: pk } };
    return dynamo.send(new PutItemCommand({ TableName: 'herald', Item, ConditionExpression: 'attribute_not_exists(pk)' }));
  });

/**
 * Waits until the publisher has caught up: the newest announcement in rss.xml
 * (records are published in order, so every earlier one is too), then as many
 * entries in the bench tag's feed index as announcements stored: each POST
 * projected from the stream, none lost while held, a POST autocannon stopped
 * waiting for included. Counted only then, as a COUNT Query reads every item
 * and would slow the publisher it waits for. Returns the milliseconds taken.
 */
export async function caughtUp(herald: HeraldProcess, dynamo: DynamoDBClient): Promise<number> {
  const start = Date.now();
  const auth = { authorization: `Bearer ${TEST_TOKEN}` };
  const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));
  const newest = (await fetch(`${herald.base}/api/announcements?limit=1`, { headers: auth }).then((r) => r.json())) as { items: { id: string }[] };
  const id = newest.items[0]?.id;
  const deadline = Date.now() + 300_000;
  const inFeed = async () => !id || (await fetch(`${herald.base}/feeds/rss.xml`).then((r) => r.text())).includes(id);
  while (!(await inFeed())) {
    if (Date.now() > deadline) throw new Error('the publisher did not catch up within 300 s');
    await pause(200);
  }
  const took = Date.now() - start;
  for (let tries = 0; ; tries++) {
    const gap = (await stored(dynamo)) - (await entries(dynamo));
    if (gap === 0) return took;
    if (tries === 20) throw new Error(`the bench feed index and the announcements stored differ by ${gap}`);
    await pause(500);
  }
}

/** The bench tag feed's entries (sk `<published at>#<id>`). */
const entries = (dynamo: DynamoDBClient) =>
  countOf(dynamo, { KeyConditionExpression: 'pk = :p AND sk BETWEEN :lo AND :hi', ExpressionAttributeValues: { ':p': { S: feedPartition(feedKeyOf({ kind: 'tag', tag: BENCH_TAG })) }, ':lo': { S: '0' }, ':hi': { S: '9~' } } });

/** Announcements stored (the list index; every one the bench made carries the bench tag). */
const stored = (dynamo: DynamoDBClient) => countOf(dynamo, { IndexName: GSI1, KeyConditionExpression: 'gsi1pk = :p', ExpressionAttributeValues: { ':p': { S: 'ANN' } } });

async function countOf(dynamo: DynamoDBClient, query: Pick<QueryCommandInput, 'IndexName' | 'KeyConditionExpression' | 'ExpressionAttributeValues'>): Promise<number> {
  let count = 0;
  let start: Record<string, AttributeValue> | undefined;
  do {
    const out = await dynamo.send(
      new QueryCommand({
        TableName: 'herald',
        ...query,
        Select: 'COUNT',
        ExclusiveStartKey: start,
      }),
    );
    count += out.Count ?? 0;
    start = out.LastEvaluatedKey;
  } while (start);
  return count;
}
