import { createFederation, generateCryptoKeyPair, MemoryKvStore, signRequest } from '@fedify/fedify';
import { Accept, Person } from '@fedify/vocab';
import { Temporal } from '@js-temporal/polyfill';
import { PutItemCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { webcrypto } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startScratchHerald } from '../support/local-process';
import type { Row } from './stats';

/** Runs `tasks` with at most `width` at a time. */
async function pool<T>(tasks: (() => Promise<T>)[], width: number): Promise<T[]> {
  const out: T[] = [];
  let next = 0;
  await Promise.all(Array.from({ length: width }, async () => {
    while (next < tasks.length) {
      const i = next++;
      out[i] = await tasks[i]!();
    }
  }));
  return out;
}

/**
 * The inbox under load: `actors` remote actors (a Fedify server with a key
 * pair each) send 10 signed activities each to `npm start` (Follow, Undo,
 * Follow... ending followed for odd actors, unfollowed for even), 10 actors
 * at a time, each actor's in order. Every answer must be 202 and the
 * followers count exactly the odd actors. The rate is set beside DynamoDB
 * Local's raw PutItem rate in the same run, 10 at a time.
 */
export async function inboxBench(actors = 100): Promise<Row[]> {
  const keys = new Map<string, webcrypto.CryptoKeyPair>();
  for (let i = 0; i < actors; i++) keys.set(`u${i}`, (await generateCryptoKeyPair('RSASSA-PKCS1-v1_5')) as webcrypto.CryptoKeyPair);
  const federation = createFederation<void>({ kv: new MemoryKvStore(), allowPrivateAddress: true });
  federation
    .setActorDispatcher('/users/{identifier}', async (ctx, identifier) => {
      if (!keys.has(identifier)) return null;
      const [pair] = await ctx.getActorKeyPairs(identifier);
      return new Person({ id: ctx.getActorUri(identifier), preferredUsername: identifier, inbox: ctx.getInboxUri(identifier), publicKey: pair!.cryptographicKey });
    })
    .setKeyPairsDispatcher(async (_ctx, identifier) => (keys.has(identifier) ? [keys.get(identifier)! as never] : []));
  federation.setInboxListeners('/users/{identifier}/inbox', '/inbox').on(Accept, async () => undefined);
  let base = '';
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c)).on('end', async () => {
      const headers = new Headers();
      for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string') headers.set(k, v);
      const r = await federation.fetch(new Request(`${base}${req.url}`, { method: req.method, headers, body: chunks.length ? Buffer.concat(chunks) : undefined }), { contextData: undefined });
      res.writeHead(r.status, Object.fromEntries(r.headers)).end(Buffer.from(await r.arrayBuffer()));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const herald = await startScratchHerald('herald-inbox-bench-');
  try {
    const target = `${herald.base}/ap/actors/news`;
    const send = async (activity: Record<string, unknown>, name: string) => {
      const request = new Request(`${target}/inbox`, { method: 'POST', headers: { 'content-type': 'application/activity+json' }, body: JSON.stringify(activity) });
      const signed = await signRequest(request, keys.get(name)!.privateKey as never, new URL(`${base}/users/${name}#main-key`), { spec: 'draft-cavage-http-signatures-12', currentTime: Temporal.Now.instant() });
      return (await fetch(signed)).status;
    };
    const script = (i: number) => {
      const name = `u${i}`;
      const actor = `${base}/users/${name}`;
      const steps = [...'FUFUFUFUF', i % 2 ? 'F' : 'U'];
      let last: Record<string, unknown> | undefined;
      return async () => {
        const statuses: number[] = [];
        for (const [n, step] of steps.entries()) {
          const follow = { '@context': 'https://www.w3.org/ns/activitystreams', id: `${actor}/follows/${n}`, type: 'Follow', actor, object: target };
          const activity = step === 'F' ? follow : { '@context': 'https://www.w3.org/ns/activitystreams', id: `${actor}/undos/${n}`, type: 'Undo', actor, object: last };
          if (step === 'F') last = follow;
          statuses.push(await send(activity, name));
        }
        return statuses;
      };
    };
    const started = performance.now();
    const statuses = (await pool(Array.from({ length: actors }, (_, i) => script(i)), 10)).flat();
    const seconds = (performance.now() - started) / 1000;
    const followers = ((await (await fetch(`${target}/followers`, { headers: { accept: 'application/activity+json' } })).json()) as { totalItems: number }).totalItems;
    const errors = statuses.filter((s) => s !== 202).length;

    const endpoint = /DynamoDB Local (http:\/\/\S+)/.exec(herald.output())?.[1];
    const dynamo = new DynamoDBClient({ region: 'us-east-1', endpoint, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
    const putStarted = performance.now();
    await pool(Array.from({ length: statuses.length }, (_, i) => () => dynamo.send(new PutItemCommand({ TableName: 'herald', Item: { pk: { S: `BENCH#${i}` }, sk: { S: 'B' } } }))), 10);
    const putRate = statuses.length / ((performance.now() - putStarted) / 1000);
    const rate = statuses.length / seconds;
    return [
      {
        benchmark: `fediverse inbox: ${statuses.length} signed requests (Follow, Undo, Follow again) from ${actors} actors, 10 at a time`,
        measured: `${Math.round(rate)} requests/s; ${errors} errors; followers ${followers} (expected ${Math.floor(actors / 2)})`,
        limit: `DynamoDB Local PutItem, same run: ${Math.round(putRate)}/s`,
        ratio: rate / putRate,
        target: 'no error, followers exact',
        met: errors === 0 && followers === Math.floor(actors / 2),
      },
    ];
  } finally {
    await herald.stop();
    await new Promise<void>((r) => (server.closeAllConnections(), server.close(() => r())));
  }
}
