import { createFederation, generateCryptoKeyPair, MemoryKvStore, type Federation } from '@fedify/fedify';
import { Accept, Create, Delete, Endpoints, Person, Update, type Activity } from '@fedify/vocab';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { webcrypto } from 'node:crypto';

/** What the remote server's inbox received, verified (Fedify checked each signature). */
export type Received = { type: string; activity: Activity; json: unknown };

/**
 * A second, independent ActivityPub server for tests, built with Fedify as a
 * Mastodon-like instance would be: its own key pairs, one person (`alice`)
 * with a personal and a shared inbox, and `bob` whose inbox answers 500, on another 127.0.0.1 port. Its inbox records
 * only activities whose HTTP signatures Fedify verified.
 */
export async function startRemoteServer(): Promise<{
  base: string;
  federation: Federation<void>;
  received: Received[];
  actorUri: URL;
  /** alice's key pairs (RSA first), for hand-signed requests. */
  keys: () => webcrypto.CryptoKeyPair[];
  stop(): Promise<void>;
}> {
  const received: Received[] = [];
  const federation = createFederation<void>({ kv: new MemoryKvStore(), allowPrivateAddress: true });
  let keys: webcrypto.CryptoKeyPair[] = [];
  federation
    .setActorDispatcher('/users/{identifier}', async (ctx, identifier) => {
      if (identifier !== 'alice' && identifier !== 'bob') return null;
      const pairs = await ctx.getActorKeyPairs(identifier);
      // bob has no shared inbox, and his inbox always answers 500 (a broken follower).
      if (identifier === 'bob') return new Person({ id: ctx.getActorUri(identifier), preferredUsername: identifier, inbox: ctx.getInboxUri(identifier), publicKey: pairs[0]!.cryptographicKey });
      return new Person({
        id: ctx.getActorUri(identifier),
        preferredUsername: identifier,
        name: 'Alice Remote',
        inbox: ctx.getInboxUri(identifier),
        endpoints: new Endpoints({ sharedInbox: ctx.getInboxUri() }),
        publicKey: pairs[0]!.cryptographicKey,
        assertionMethods: pairs.map((p) => p.multikey),
      });
    })
    .setKeyPairsDispatcher(async (_ctx, identifier) => (identifier === 'alice' || identifier === 'bob' ? keys : []));
  // The bytes as sent, by activity id: a listener runs only after Fedify verified the signature.
  const raw = new Map<string, unknown>();
  const record = (type: string) => async (_ctx: unknown, activity: Activity) => {
    received.push({ type, activity, json: raw.get(activity.id?.href ?? '') ?? (await activity.toJsonLd()) });
  };
  federation
    .setInboxListeners('/users/{identifier}/inbox', '/inbox')
    .on(Accept, record('Accept'))
    .on(Create, record('Create'))
    .on(Update, record('Update'))
    .on(Delete, record('Delete'));
  keys = [await generateCryptoKeyPair('RSASSA-PKCS1-v1_5'), await generateCryptoKeyPair('Ed25519')];

  let base = '';
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', async () => {
      if (req.method === 'POST' && req.url === '/users/bob/inbox') return void res.writeHead(500).end();
      const headers = new Headers();
      for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string') headers.set(k, v);
      const body = chunks.length && req.method !== 'GET' ? Buffer.concat(chunks) : undefined;
      try {
        const parsed = body ? (JSON.parse(body.toString('utf8')) as { id?: string }) : undefined;
        if (parsed?.id) raw.set(parsed.id, parsed);
      } catch {
        // not JSON: Fedify answers it
      }
      const response = await federation.fetch(new Request(`${base}${req.url}`, { method: req.method, headers, body }), { contextData: undefined });
      res.writeHead(response.status, Object.fromEntries(response.headers));
      res.end(Buffer.from(await response.arrayBuffer()));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    base,
    federation,
    received,
    actorUri: new URL(`${base}/users/alice`),
    keys: () => keys,
    stop: () => new Promise<void>((resolve) => (server.closeAllConnections(), server.close(() => resolve()))),
  };
}

/** Waits until `pick` finds something, polling; fails with what was received. */
export async function waitFor<T>(what: string, pick: () => T | undefined, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = pick();
    if (found !== undefined) return found;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
