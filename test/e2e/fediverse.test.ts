import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { signRequest } from '@fedify/fedify';
import { Follow, Organization, Undo, isActor } from '@fedify/vocab';
import { Temporal } from '@js-temporal/polyfill';
import { randomUUID, type webcrypto } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { msp7En } from '../support/fixtures';
import { startHerald, TEST_TOKEN, type HeraldProcess } from '../support/local-process';
import { startRemoteServer, waitFor, type Received } from '../support/remote-fediverse';

/**
 * Herald followed from another fediverse server: a second, independent Fedify
 * server (its own keys, its own port) resolves @news by WebFinger, follows,
 * and receives the signed Accept, Create, Update and Delete, then nothing
 * after Undo. Its inbox only records activities whose signatures verified.
 */
const dataDir = mkdtempSync(join(tmpdir(), 'herald-fediverse-'));
let herald: HeraldProcess;
let remote: Awaited<ReturnType<typeof startRemoteServer>>;
const AP = { accept: 'application/activity+json' };

async function api(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(`${herald.base}${path}`, {
    method,
    headers: { authorization: `Bearer ${TEST_TOKEN}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, json: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
}

const getJson = async (url: string) => (await (await fetch(url, { headers: AP })).json()) as Record<string, unknown>;
const followerCount = async () => (await getJson(`${herald.base}/ap/actors/news/followers`)).totalItems;
const ofType = (type: string) => () => remote.received.filter((r) => r.type === type);
const newest = (type: string, after: number) => () => ofType(type)().slice(after)[0];

/** A request to Herald's inbox signed with alice's key (draft-cavage, as Mastodon signs). */
async function signedPost(activity: unknown, options: { key?: webcrypto.CryptoKey; at?: Temporal.Instant; keyId?: URL } = {}) {
  const request = new Request(`${herald.base}/ap/actors/news/inbox`, {
    method: 'POST',
    headers: { 'content-type': 'application/activity+json' },
    body: JSON.stringify(activity),
  });
  const key = options.key ?? remote.keys()[0]!.privateKey;
  return signRequest(request, key as never, options.keyId ?? new URL(`${remote.actorUri.href}#main-key`), {
    spec: 'draft-cavage-http-signatures-12',
    currentTime: options.at ?? Temporal.Now.instant(),
  });
}

const followJson = (id = `${remote.base}/follows/${randomUUID()}`) => ({
  '@context': 'https://www.w3.org/ns/activitystreams',
  id,
  type: 'Follow',
  actor: remote.actorUri.href,
  object: `${herald.base}/ap/actors/news`,
});

beforeAll(async () => {
  remote = await startRemoteServer();
  herald = await startHerald(dataDir);
}, 120_000);
afterAll(async () => {
  await herald?.stop();
  await remote?.stop();
});

describe('Herald followed from a Mastodon-like server', () => {
  let actorId = '';
  let id = '';
  let etag = '';
  let accepted = 0;

  it('resolves @news@host by WebFinger to an Organization with inbox, outbox, followers, keys and fields', async () => {
    const host = new URL(herald.base).host;
    const jrd = (await (await fetch(`${herald.base}/.well-known/webfinger?resource=acct:news@${host}`)).json()) as { links: { rel: string; type?: string; href: string }[] };
    const self = jrd.links.find((l) => l.rel === 'self');
    expect(self?.type).toBe('application/activity+json');
    actorId = self!.href;
    expect((await fetch(`${herald.base}/.well-known/webfinger?resource=acct:nobody@${host}`)).status).toBe(404);

    const ctx = remote.federation.createContext(new URL(remote.base), undefined);
    const actor = await ctx.lookupObject(actorId);
    expect(actor).toBeInstanceOf(Organization);
    const org = actor as Organization;
    expect(org.preferredUsername?.toString()).toBe('news');
    expect(org.url?.toString()).toBe(`${herald.base}/`);
    expect(org.inboxId?.href).toBe(`${herald.base}/ap/actors/news/inbox`);
    expect(org.outboxId?.href).toBe(`${herald.base}/ap/actors/news/outbox`);
    expect(org.followersId?.href).toBe(`${herald.base}/ap/actors/news/followers`);
    expect(org.endpoints?.sharedInbox?.href).toBe(`${herald.base}/ap/inbox`);
    expect((await org.getPublicKey())?.ownerId?.href).toBe(actorId);
    const multikeys = [];
    for await (const k of org.getAssertionMethods()) multikeys.push(k);
    expect(multikeys.length).toBeGreaterThanOrEqual(1);
    const fields = [];
    for await (const a of org.getAttachments()) fields.push(a);
    expect(fields.map((f) => (f as { name?: unknown }).name?.toString())).toEqual(['Website', 'RSS', 'Atom', 'JSON Feed']);

    const nodeinfo = (await (await fetch(`${herald.base}/.well-known/nodeinfo`)).json()) as { links: { href: string }[] };
    const doc = (await (await fetch(nodeinfo.links[0]!.href)).json()) as { version: string; protocols: string[] };
    expect(doc.version).toBe('2.1');
    expect(doc.protocols).toEqual(['activitypub']);
  });

  it('sends a browser asking for the actor to the home page', async () => {
    const res = await fetch(actorId, { headers: { accept: 'text/html' }, redirect: 'manual' });
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe(`${herald.base}/`);
  });

  it('refuses unsigned, forged, stale-dated Follows and one whose key cannot be fetched with 401, and stores nothing', async () => {
    const unsigned = await fetch(`${herald.base}/ap/actors/news/inbox`, {
      method: 'POST',
      headers: { 'content-type': 'application/activity+json' },
      body: JSON.stringify(followJson()),
    });
    expect(unsigned.status).toBe(401);
    const forger = await crypto.subtle.generateKey({ name: 'RSASSA-PKCS1-v1_5', modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: 'SHA-256' }, true, ['sign', 'verify']);
    expect((await fetch(await signedPost(followJson(), { key: forger.privateKey }))).status).toBe(401);
    const twoHoursAgo = Temporal.Now.instant().subtract({ hours: 2 });
    expect((await fetch(await signedPost(followJson(), { at: twoHoursAgo }))).status).toBe(401);
    // An actor whose key cannot be fetched (nothing listens there).
    const ghost = { ...followJson(), actor: 'http://127.0.0.1:9/users/ghost' };
    expect((await fetch(await signedPost(ghost, { keyId: new URL('http://127.0.0.1:9/users/ghost#main-key') }))).status).toBe(401);
    expect(await followerCount()).toBe(0);
  });

  it('refuses malformed and oversized bodies with a 4xx and stores nothing', async () => {
    const malformed = await fetch(`${herald.base}/ap/actors/news/inbox`, { method: 'POST', headers: { 'content-type': 'application/activity+json' }, body: '{"type": "Follow",' });
    expect(malformed.status).toBeGreaterThanOrEqual(400);
    expect(malformed.status).toBeLessThan(500);
    const big = { ...followJson(), padding: 'x'.repeat(300 * 1024) };
    const oversized = await fetch(await signedPost(big));
    expect(oversized.status).toBe(413);
    expect(await followerCount()).toBe(0);
  });

  it('does not act on a replayed Follow after Undo', async () => {
    const follow = followJson();
    const first = await signedPost(follow);
    const replay = first.clone();
    expect((await fetch(first)).status).toBe(202);
    await waitFor('the Accept of the signed Follow', newest('Accept', accepted));
    accepted = ofType('Accept')().length;
    expect(await followerCount()).toBe(1);
    const undo = { '@context': 'https://www.w3.org/ns/activitystreams', id: `${follow.id}/undo`, type: 'Undo', actor: remote.actorUri.href, object: follow };
    expect((await fetch(await signedPost(undo))).status).toBe(202);
    expect(await followerCount()).toBe(0);
    const replayed = await fetch(replay);
    expect(replayed.status).toBeLessThan(500);
    expect(await followerCount()).toBe(0);
  });

  it('accepts a Follow with a signed Accept', async () => {
    const ctx = remote.federation.createContext(new URL(remote.base), undefined);
    const herladActor = await ctx.lookupObject(actorId);
    if (!isActor(herladActor)) throw new Error('not an actor');
    await ctx.sendActivity({ identifier: 'alice' }, herladActor, new Follow({ id: new URL(`${remote.base}/follows/main`), actor: remote.actorUri, object: new URL(actorId) }));
    const accept = await waitFor('the Accept', newest('Accept', accepted));
    expect(accept.activity.actorId?.href).toBe(actorId);
    expect(((accept.json as { object: { id: string } }).object).id).toBe(`${remote.base}/follows/main`);
    expect(await followerCount()).toBe(1);
    // The count is public; who follows is not.
    const followers = await getJson(`${herald.base}/ap/actors/news/followers`);
    expect(JSON.stringify(followers)).not.toContain(remote.actorUri.href);
    expect(JSON.stringify(await getJson(String(followers.first)))).not.toContain(remote.actorUri.href);
  });

  it('delivers a signed Create of the 7MSP Note, checked field by field', async () => {
    const created = await api('POST', '/api/announcements', msp7En);
    expect(created.status).toBe(201);
    id = String(created.json.id);
    etag = created.headers.get('etag')!;
    const create = await waitFor('the Create', () => ofType('Create')().find((r) => JSON.stringify(r.json).includes(id)));
    const note = (create.json as { object: Record<string, unknown> }).object;
    const permalink = `${herald.base}/news/${String(created.json.slug)}-${id.replace(/-/g, '').slice(0, 8)}/`;
    expect(note.type).toBe('Note');
    expect(note.id).toBe(`${herald.base}/ap/notes/${id}`);
    expect(note.url).toBe(permalink);
    expect(note.attributedTo).toBe(actorId);
    expect(note.to).toBe('https://www.w3.org/ns/activitystreams#Public');
    expect(note.sensitive).toBe(false);
    expect(Date.parse(String(note.published))).toBe(Date.parse(String(created.json.publishedAt)));
    const content = String(note.content);
    expect(content).toContain(`<p>${msp7En.summary}</p>`);
    expect(content).toContain(`<a href="${permalink}">`);
    expect(content).toContain('#<span>msp</span>');
    expect(content).toContain('#<span>7msp</span>');
    expect((note.contentMap as Record<string, string>).en).toBe(content);
    expect(note.tag).toEqual([
      { type: 'Hashtag', href: `${herald.base}/feeds/tags/msp/rss.xml`, name: '#msp' },
      { type: 'Hashtag', href: `${herald.base}/feeds/tags/7msp/rss.xml`, name: '#7msp' },
    ]);
    const images = note.attachment as Record<string, unknown>[];
    expect(images).toHaveLength(1);
    const image = images[0]!;
    expect(image).toMatchObject({ type: 'Image', url: 'https://www.example.org/img/7msp-logo.png', mediaType: 'image/png', name: '7MSP logo', width: 600, height: 400 });
    expect(image.summary).toBe('The logo of the Seventh Meeting of States Parties (c) CMC');
    // The delivery record shows the remote's shared inbox reached (the consumer records it after the 2xx).
    let inboxes: unknown;
    for (let i = 0; i < 100; i++) {
      const r = await api('GET', `/api/announcements/${id}/deliveries`);
      inboxes = (r.json.channels as { activityPub: { inboxes: { reached: number } } }).activityPub.inboxes;
      if ((inboxes as { reached: number }).reached === 1) break;
      await new Promise((r) => setTimeout(r, 200));
    }
    expect(inboxes).toEqual({ reached: 1, pending: 0, failed: 0, failedInboxes: [] });
  });

  it('lists the Create in the outbox, newest first', async () => {
    const outbox = await getJson(`${herald.base}/ap/actors/news/outbox`);
    const page = await getJson(String(outbox.first));
    const items = page.orderedItems as { type: string; object: { id: string } }[] | { type: string; object: { id: string } };
    const first = Array.isArray(items) ? items[0]! : items;
    expect(first.type).toBe('Create');
    expect(first.object.id).toBe(`${herald.base}/ap/notes/${id}`);
  });

  it('delivers an Update when the announcement is edited', async () => {
    const before = ofType('Update')().length;
    const edited = await api('PUT', `/api/announcements/${id}`, { ...msp7En, summary: 'States Parties meet on 4-6 September 2017 in Geneva (venue confirmed).' }, { 'if-match': etag });
    expect(edited.status).toBe(200);
    etag = edited.headers.get('etag')!;
    const update = await waitFor('the Update', newest('Update', before));
    const note = (update.json as { object: Record<string, unknown> }).object;
    expect(note.id).toBe(`${herald.base}/ap/notes/${id}`);
    expect(String(note.content)).toContain('(venue confirmed)');
    expect(note.updated).toBeDefined();
  });

  it('delivers a Delete with a Tombstone when the announcement is retracted', async () => {
    const retracted = await api('DELETE', `/api/announcements/${id}`, undefined, { 'if-match': etag });
    expect(retracted.status).toBeLessThan(300);
    const del = await waitFor('the Delete', newest('Delete', 0));
    expect((del.json as { object: Record<string, unknown> }).object).toMatchObject({ type: 'Tombstone', id: `${herald.base}/ap/notes/${id}` });
  });

  it('sends nothing after Undo', async () => {
    const ctx = remote.federation.createContext(new URL(remote.base), undefined);
    const herladActor = await ctx.lookupObject(actorId);
    if (!isActor(herladActor)) throw new Error('not an actor');
    const follow = new Follow({ id: new URL(`${remote.base}/follows/main`), actor: remote.actorUri, object: new URL(actorId) });
    await ctx.sendActivity({ identifier: 'alice' }, herladActor, new Undo({ id: new URL(`${remote.base}/follows/main/undo`), actor: remote.actorUri, object: follow }));
    expect(await followerCount()).toBe(0);
    const seen = remote.received.length;
    const later = await api('POST', '/api/announcements', { ...msp7En, title: 'After the Undo', slug: 'after-the-undo' });
    expect(later.status).toBe(201);
    await new Promise((r) => setTimeout(r, 6_000));
    expect(remote.received.slice(seen).map((r: Received) => r.type)).toEqual([]);
  }, 30_000);

  it('removes a follower whose actor is deleted (a signed Delete of itself)', async () => {
    expect((await fetch(await signedPost(followJson()))).status).toBe(202);
    expect(await followerCount()).toBe(1);
    const del = { '@context': 'https://www.w3.org/ns/activitystreams', id: `${remote.actorUri.href}#delete`, type: 'Delete', actor: remote.actorUri.href, object: remote.actorUri.href };
    expect((await fetch(await signedPost(del))).status).toBe(202);
    expect(await followerCount()).toBe(0);
  });

  it('records a healthy shared inbox reached and a 500-answering inbox pending in the delivery record', async () => {
    expect((await fetch(await signedPost(followJson()))).status).toBe(202);
    const bob = `${remote.base}/users/bob`;
    const bobFollow = { ...followJson(`${remote.base}/follows/bob`), actor: bob };
    expect((await fetch(await signedPost(bobFollow, { keyId: new URL(`${bob}#main-key`) }))).status).toBe(202);
    expect(await followerCount()).toBe(2);
    const posted = await api('POST', '/api/announcements', { ...msp7En, title: 'Reached and pending', slug: 'reached-and-pending' });
    expect(posted.status).toBe(201);
    let inboxes: unknown;
    for (let i = 0; i < 150; i++) {
      const r = await api('GET', `/api/announcements/${String(posted.json.id)}/deliveries`);
      inboxes = (r.json.channels as { activityPub: { inboxes: { reached: number; pending: number } } }).activityPub.inboxes;
      const { reached, pending } = inboxes as { reached: number; pending: number };
      if (reached === 1 && pending === 1) break;
      await new Promise((r) => setTimeout(r, 200));
    }
    // bob's inbox keeps answering 500: Fedify retries it (5 s, then longer) and it stays pending until it gives up.
    expect(inboxes).toEqual({ reached: 1, pending: 1, failed: 0, failedInboxes: [] });
  }, 60_000);

  it('keeps the same key pair across a restart', async () => {
    const before = (await getJson(actorId)).publicKey as { publicKeyPem: string };
    await herald.stop();
    herald = await startHerald(dataDir);
    const after = (await getJson(`${herald.base}/ap/actors/news`)).publicKey as { publicKeyPem: string };
    expect(after.publicKeyPem).toBe(before.publicKeyPem);
    expect(after.publicKeyPem).toContain('BEGIN PUBLIC KEY');
  }, 120_000);
});
