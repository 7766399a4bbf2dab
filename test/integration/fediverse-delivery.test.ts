import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { DeleteCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoFollowerStore, DynamoMentionStore, DynamoSentLog } from '../../shared/adapters/dynamo-follower-store';
import { DynamoKvStore } from '../../shared/adapters/dynamo-kv-store';
import { FileKeyPairs } from '../../shared/adapters/file-key-pairs';
import { SendOnlyMessageQueue } from '../../shared/adapters/queue-message-queue';
import type { Announcement } from '../../shared/domain/announcement';
import { activitiesOf } from '../../shared/fediverse/events';
import { makeFederation, type HeraldFederation } from '../../shared/fediverse/federation';
import { deliverAnnouncement } from '../../shared/fediverse/outgoing';
import { startEmulators, type Emulators } from '../support/emulators';
import { recordingLogger } from '../support/fakes';
import { msp7En, msp7Fr, SITE, stored as storedAt } from '../support/fixtures';

/** A published announcement with an id of its own (the fixture's ids repeat per call). */
const stored = async (input: typeof msp7En) => ({ ...(await storedAt(input)), id: randomUUID() });

/**
 * Delivery on DynamoDB Local with real HTTP inboxes: one delivery per shared
 * inbox, a failing inbox retried with backoff without holding the others, a
 * 410 dropping its followers, duplicates and early retractions sending nothing.
 */
let emu: Emulators;
let inboxes: Server;
let base = '';
const hits: string[] = [];
/** Each request's path and activity type, for the language actor's boosts. */
const received: { path: string; type: string; actor: string }[] = [];
const queued: { body: unknown; delay: number }[] = [];
let federation: HeraldFederation;
let followers: DynamoFollowerStore;
let french: DynamoFollowerStore;
const languageFollowers = (language: string) => (language === 'fr' ? french : new DynamoFollowerStore(emu.doc, emu.table, `news-${language}`));
const store = new Map<string, Announcement>();
const logger = recordingLogger();
let deps: Parameters<typeof deliverAnnouncement>[1];

beforeAll(async () => {
  emu = await startEmulators();
  inboxes = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      hits.push(req.url!);
      const activity = JSON.parse(body) as { type: string; actor: string };
      received.push({ path: req.url!, type: activity.type, actor: activity.actor });
      res.writeHead(req.url!.startsWith('/gone') ? 410 : req.url!.startsWith('/broken') ? 500 : 202).end();
    });
  });
  await new Promise<void>((r) => inboxes.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(inboxes.address() as AddressInfo).port}`;
  followers = new DynamoFollowerStore(emu.doc, emu.table, 'news');
  french = new DynamoFollowerStore(emu.doc, emu.table, 'news-fr');
  const announcements = { get: async (id: string) => store.get(id), latest: async () => [...store.values()] };
  federation = makeFederation({
    site: SITE,
    handle: 'news',
    kv: new DynamoKvStore(emu.doc, emu.table),
    queue: new SendOnlyMessageQueue(async (body, delay) => void queued.push({ body: JSON.parse(body), delay })),
    keys: new FileKeyPairs(join(mkdtempSync(join(tmpdir(), 'herald-keys-')), 'keys.json')),
    followers,
    mentions: new DynamoMentionStore(emu.doc, emu.table, 'news'),
    announcements,
    languages: ['fr'],
    languageFollowers,
    logger,
    allowPrivateAddress: true,
    maxAttempts: 3,
  });
  deps = { site: SITE, handle: 'news', announcements, followers, languages: ['fr'], languageFollowers, sent: new DynamoSentLog(emu.doc, emu.table), logger };
}, 120_000);
afterAll(async () => {
  await new Promise<void>((r) => (inboxes.closeAllConnections(), inboxes.close(() => r())));
  await emu.stop();
});

beforeEach(async () => {
  hits.length = 0;
  received.length = 0;
  queued.length = 0;
  for (const store of [followers, french]) for (const f of await store.list()) await store.remove(f.actorId);
  store.clear();
});

/** Runs queued tasks (as the queue consumer does) until none is left that is due now; returns the delayed ones. */
async function drain(): Promise<{ body: unknown; delay: number }[]> {
  const later: { body: unknown; delay: number }[] = [];
  while (queued.length) {
    const next = queued.shift()!;
    if (next.delay > 0) later.push(next);
    else await federation.processQueuedTask(undefined, next.body as never);
  }
  return later;
}

const follow = (name: string, inbox: string, sharedInbox?: string) =>
  followers.add({ actorId: `${base}/users/${name}`, inbox: `${base}${inbox}`, sharedInbox: sharedInbox && `${base}${sharedInbox}`, followedAt: '2026-11-29T10:00:00.000Z' });

describe('fediverse delivery', () => {
  it('delivers once per shared inbox, retries a failing inbox later without holding the others, and drops a gone one', async () => {
    for (const name of ['a', 'b', 'c']) await follow(name, `/one/users/${name}/inbox`, '/one/inbox');
    await follow('d', '/two/users/d/inbox');
    await follow('e', '/gone/users/e/inbox');
    await follow('f', '/broken/users/f/inbox');
    const a = await stored(msp7En);
    store.set(a.id, a);

    const [message] = activitiesOf([{ after: a }]);
    expect(await deliverAnnouncement(federation, deps, message!)).toBe('sent');
    const later = await drain();

    // A working inbox gets one request; a failing one may get two (Fedify's double knock: RFC 9421, then draft-cavage).
    expect(hits.filter((h) => h === '/one/inbox')).toHaveLength(1);
    expect(hits.filter((h) => h === '/two/users/d/inbox')).toHaveLength(1);
    expect([...new Set(hits)].sort()).toEqual(['/broken/users/f/inbox', '/gone/users/e/inbox', '/one/inbox', '/two/users/d/inbox']);
    expect((await followers.list()).map((f) => f.actorId.split('/').pop()).sort()).toEqual(['a', 'b', 'c', 'd', 'f']);
    // The broken inbox alone is retried, after a backoff delay.
    expect(later).toHaveLength(1);
    expect(later[0]!.delay).toBeGreaterThan(0);
    expect(JSON.stringify(later[0]!.body)).toContain('/broken/users/f/inbox');
  });

  it('gives up on a failing inbox after the bounded number of attempts', async () => {
    await follow('f', '/broken/users/f/inbox');
    const a = await stored({ ...msp7En, title: 'Retries end' });
    store.set(a.id, a);
    await deliverAnnouncement(federation, deps, activitiesOf([{ after: a }])[0]!);
    let pending = await drain();
    const delays: number[] = [];
    while (pending.length && delays.length < 10) {
      delays.push(...pending.map((p) => p.delay));
      queued.push(...pending.map((p) => ({ ...p, delay: 0 })));
      pending = await drain();
    }
    // maxAttempts 3: Fedify's policy counts retries, so three retries, each waiting longer (jittered backoff), then none.
    expect(delays).toHaveLength(3);
    expect(delays[1]!).toBeGreaterThan(delays[0]!);
    expect(delays[2]!).toBeGreaterThan(delays[1]!);
    expect(pending).toEqual([]);
  });

  it('sends nothing for a duplicate message of the same version and activity', async () => {
    await follow('d', '/two/users/d/inbox');
    const a = await stored({ ...msp7En, title: 'Once only' });
    store.set(a.id, a);
    const m = activitiesOf([{ after: a }])[0]!;
    expect(await deliverAnnouncement(federation, deps, m)).toBe('sent');
    expect(await deliverAnnouncement(federation, deps, m)).toBe('duplicate');
    await drain();
    expect(hits).toEqual(['/two/users/d/inbox']);
  });

  it('leaves followers with nothing when the retraction comes before the Create went out', async () => {
    await follow('d', '/two/users/d/inbox');
    const a = await stored({ ...msp7En, title: 'Retracted at once' });
    const retracted: Announcement = { ...a, status: 'retracted', version: a.version + 1 };
    store.set(a.id, retracted);
    const messages = activitiesOf([{ after: a }, { before: a, after: retracted }]);
    expect(messages.map((m) => m.activity)).toEqual(['create', 'delete']);
    expect(await deliverAnnouncement(federation, deps, messages[0]!)).toBe('not-public');
    expect(await deliverAnnouncement(federation, deps, messages[1]!)).toBe('never-created');
    await drain();
    expect(hits).toEqual([]);
  });

  it('sends an Update for a new version and a Delete after a delivered Create', async () => {
    await follow('d', '/two/users/d/inbox');
    const a = await stored({ ...msp7En, title: 'Edited then retracted' });
    store.set(a.id, a);
    await deliverAnnouncement(federation, deps, activitiesOf([{ after: a }])[0]!);
    const edited: Announcement = { ...a, summary: 'Changed', version: a.version + 1, updatedAt: '2017-09-02T08:00:00.000Z' };
    store.set(a.id, edited);
    const update = activitiesOf([{ before: a, after: edited }])[0]!;
    expect(update.activity).toBe('update');
    expect(await deliverAnnouncement(federation, deps, update)).toBe('sent');
    const gone: Announcement = { ...edited, status: 'retracted', version: edited.version + 1 };
    store.set(a.id, gone);
    expect(await deliverAnnouncement(federation, deps, activitiesOf([{ before: edited, after: gone }])[0]!)).toBe('sent');
    await drain();
    expect(hits).toEqual(['/two/users/d/inbox', '/two/users/d/inbox', '/two/users/d/inbox']);
  });
});

describe('a language actor (news-fr)', () => {
  it('boosts the Create to its followers, and they get the author’s Update and Delete', async () => {
    await follow('d', '/two/users/d/inbox');
    await french.add({ actorId: `${base}/users/fr`, inbox: `${base}/fr/users/fr/inbox`, followedAt: '2026-11-29T10:00:00.000Z' });
    const a = await stored({ ...msp7Fr, title: 'En français' });
    store.set(a.id, a);
    await deliverAnnouncement(federation, deps, activitiesOf([{ after: a }])[0]!);
    await drain();
    const edited: Announcement = { ...a, summary: 'Modifié', version: a.version + 1, updatedAt: '2017-09-02T08:00:00.000Z' };
    store.set(a.id, edited);
    await deliverAnnouncement(federation, deps, activitiesOf([{ before: a, after: edited }])[0]!);
    await drain();
    const gone: Announcement = { ...edited, status: 'retracted', version: edited.version + 1 };
    store.set(a.id, gone);
    await deliverAnnouncement(federation, deps, activitiesOf([{ before: edited, after: gone }])[0]!);
    await drain();
    const site = `${SITE.siteUrl}/ap/actors/news`;
    expect(received.filter((r) => r.path === '/two/users/d/inbox').map((r) => [r.type, r.actor])).toEqual([['Create', site], ['Update', site], ['Delete', site]]);
    expect(received.filter((r) => r.path === '/fr/users/fr/inbox').map((r) => [r.type, r.actor])).toEqual([['Announce', `${site}-fr`], ['Update', site], ['Delete', site]]);
  });

  it('is served beside the site actor, and no other language is', async () => {
    const get = (name: string) => federation.fetch(new Request(`${SITE.siteUrl}/ap/actors/${name}`, { headers: { accept: 'application/activity+json' } }), { contextData: undefined });
    const fr = await get('news-fr');
    expect(fr.status).toBe(200);
    expect(((await fr.json()) as { name: string }).name).toBe(`${SITE.siteTitle} (fr)`);
    expect((await get('news-de')).status).toBe(404);
  });
});

describe('the DynamoDB KvStore', () => {
  const kv = () => new DynamoKvStore(emu.doc, emu.table);

  it('gets what was set, lists by prefix without matching a longer key part, and deletes', async () => {
    await kv().set(['t', 'a'], { n: 1 });
    await kv().set(['t', 'a', 'b'], [2]);
    await kv().set(['t', 'ab'], 'x');
    expect(await kv().get(['t', 'a'])).toEqual({ n: 1 });
    const listed = [];
    for await (const e of kv().list(['t', 'a'])) listed.push(e);
    expect(listed).toEqual([
      { key: ['t', 'a'], value: { n: 1 } },
      { key: ['t', 'a', 'b'], value: [2] },
    ]);
    await kv().delete(['t', 'a']);
    expect(await kv().get(['t', 'a'])).toBeUndefined();
  });

  it('reads an expired value as absent, and swaps only from the expected value', async () => {
    const { Temporal } = await import('@js-temporal/polyfill');
    let now = Date.now();
    const store = new DynamoKvStore(emu.doc, emu.table, () => now);
    await store.set(['t', 'ttl'], 1, { ttl: Temporal.Duration.from({ seconds: 10 }) });
    expect(await store.get(['t', 'ttl'])).toBe(1);
    now += 11_000;
    expect(await store.get(['t', 'ttl'])).toBeUndefined();
    await store.set(['t', 'cas'], 'old');
    expect(await store.cas(['t', 'cas'], 'other', 'new')).toBe(false);
    expect(await store.cas(['t', 'cas'], 'old', 'new')).toBe(true);
    expect(await store.get(['t', 'cas'])).toBe('new');
    expect(await store.cas(['t', 'fresh'], undefined, 'first')).toBe(true);
    expect(await store.cas(['t', 'fresh'], undefined, 'second')).toBe(false);
  });

  it('stores its items under the FEDKV# prefix only', async () => {
    const items = (await emu.doc.send(new ScanCommand({ TableName: emu.table }))).Items ?? [];
    const kvItems = items.filter((i) => i.type === 'fediverse-kv');
    expect(kvItems.length).toBeGreaterThan(0);
    expect(kvItems.every((i) => String(i.pk).startsWith('FEDKV#'))).toBe(true);
    for (const i of kvItems) await emu.doc.send(new DeleteCommand({ TableName: emu.table, Key: { pk: i.pk, sk: i.sk } }));
  });
});
