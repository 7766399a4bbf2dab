import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Webhook } from 'standardwebhooks';
import { msp7En } from '../support/fixtures';
import { startHubStandIn } from '../support/hub-stand-in';
import { startHerald, TEST_TOKEN, type HeraldProcess } from '../support/local-process';
import { waitFor } from '../support/remote-fediverse';
import { startWebhookReceiver, type WebhookHit } from '../support/webhook-receiver';

/**
 * Webhooks against `npm start`: a receiver on another port verifies every
 * signature with the standardwebhooks package; publish, edit and retract make
 * three signed deliveries; a 500 is retried; a hanging target times out
 * (10 s) without delaying another endpoint; the delivery record shows it all.
 */
const dataDir = mkdtempSync(join(tmpdir(), 'herald-webhooks-'));
let herald: HeraldProcess;
let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;

async function api(method: string, path: string, body?: unknown, headers: Record<string, string> = {}, token: string | null = TEST_TOKEN) {
  const res = await fetch(`${herald.base}${path}`, {
    method,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, json: text ? (JSON.parse(text) as Record<string, any>) : {} };
}

const endpoints: Record<string, { id: string; secret: string }> = {};
const hitsOn = (path: string) => receiver.hits.filter((h) => h.path === path);
/** Reads until `done` holds (or the time is up), and returns the last read. */
async function poll<T>(read: () => Promise<T>, done: (value: T) => boolean, ms = 10_000): Promise<T> {
  const deadline = Date.now() + ms;
  let value = await read();
  while (!done(value) && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 200));
    value = await read();
  }
  return value;
}
const verified = (h: WebhookHit, secret: string) => new Webhook(secret).verify(h.body, h.headers) as { type: string; data: Record<string, unknown> };

let hub: Awaited<ReturnType<typeof startHubStandIn>>;
beforeAll(async () => {
  receiver = await startWebhookReceiver();
  // Two WebSub hubs, one accepting and one refusing, so the delivery record shows each hub's answers.
  hub = await startHubStandIn();
  herald = await startHerald(dataDir, { WEBSUB_HUBS: `${hub.base}/ok,${hub.base}/refuse` });
}, 120_000);
afterAll(async () => {
  await herald?.stop();
  await receiver?.stop();
  await hub?.stop();
});

describe('webhooks under npm start', () => {
  let id = '';
  let etag = '';
  let publishedAt = 0;

  it('refuses bad input with a 4xx naming the field, and anyone but an admin', async () => {
    const badUrl = await api('POST', '/api/webhooks', { url: 'ftp://example.org/x', events: ['announcement.published'] });
    expect(badUrl.status).toBe(400);
    expect(badUrl.json.details.map((d: { path: string }) => d.path)).toEqual(['url']);
    const badEvent = await api('POST', '/api/webhooks', { url: `${receiver.base}/ok`, events: ['announcement.deleted'] });
    expect(badEvent.status).toBe(400);
    expect(badEvent.json.details.map((d: { path: string }) => d.path)).toEqual(['events.0']);
    const none = await api('POST', '/api/webhooks', { url: `${receiver.base}/ok`, events: [] });
    expect(none.json.details.map((d: { path: string }) => d.path)).toEqual(['events']);
    expect((await api('POST', '/api/webhooks', { url: `${receiver.base}/ok`, events: ['announcement.published'] }, {}, null)).status).toBe(401);
    const editor = await api('POST', '/api/tokens', { subject: 'press-office', role: 'editor' });
    expect(editor.status).toBe(201);
    const asEditor = (m: string, p: string, b?: unknown) => api(m, p, b, {}, String(editor.json.token));
    expect((await asEditor('POST', '/api/webhooks', { url: `${receiver.base}/ok`, events: ['announcement.published'] })).status).toBe(403);
    expect((await asEditor('GET', '/api/webhooks')).status).toBe(403);
    expect((await api('GET', '/api/webhooks', undefined, {}, null)).status).toBe(401);
    expect((await api('GET', '/api/webhooks')).json.items).toEqual([]);
  });

  it('registers endpoints: the secret is shown once', async () => {
    for (const [name, events] of [
      ['ok', ['announcement.published', 'announcement.updated', 'announcement.retracted']],
      ['flaky', ['announcement.published']],
      ['hang', ['announcement.published']],
    ] as const) {
      const created = await api('POST', '/api/webhooks', { url: `${receiver.base}/${name}`, events });
      expect(created.status).toBe(201);
      expect(created.json).toMatchObject({ url: `${receiver.base}/${name}`, events });
      expect(String(created.json.secret)).toMatch(/^whsec_/);
      endpoints[name] = { id: String(created.json.id), secret: String(created.json.secret) };
    }
    const listed = await api('GET', '/api/webhooks');
    expect(listed.json.items).toHaveLength(3);
    expect(JSON.stringify(listed.json)).not.toContain('whsec_');
  });

  it('sends a signed announcement.published; a hanging endpoint delays nobody', async () => {
    publishedAt = Date.now();
    const created = await api('POST', '/api/announcements', msp7En);
    expect(created.status).toBe(201);
    id = String(created.json.id);
    etag = created.headers.get('etag')!;
    const hit = await waitFor('the published delivery', () => hitsOn('/ok')[0]);
    // The hanging endpoint was sent the same event at the same time and holds its attempt for 10 s.
    expect(hit.at - publishedAt).toBeLessThan(8_000);
    await waitFor('the hanging attempt', () => hitsOn('/hang')[0]);
    expect(hitsOn('/ok')[0]).toBe(hit);
    const payload = verified(hit, endpoints.ok!.secret);
    expect(payload.type).toBe('announcement.published');
    expect(payload.data).toEqual({ id, url: expect.stringContaining(`${herald.base}/news/`), title: msp7En.title, language: 'en', status: 'published', version: 1 });
    expect(hit.headers['webhook-id']).toBe(`published.${id}.v1`);
    expect(() => verified(hit, endpoints.flaky!.secret)).toThrow();
  });

  it('retries a target that answered 500, and records both attempts', async () => {
    await waitFor('the retry', () => hitsOn('/flaky')[1]);
    const [first, second] = hitsOn('/flaky');
    expect(second!.body).toBe(first!.body);
    expect(verified(second!, endpoints.flaky!.secret).type).toBe('announcement.published');
    const items = await poll(async () => (await api('GET', `/api/webhooks/${endpoints.flaky!.id}/deliveries`)).json.items, (i) => i[0]?.state !== 'pending');
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ id: `published.${id}.v1`, state: 'delivered', attempts: [{ status: 500, error: 'answered 500' }, { status: 204 }] });
  });

  it('sends announcement.updated on an edit and announcement.retracted on a retraction, each signed', async () => {
    const edited = await api('PUT', `/api/announcements/${id}`, { ...msp7En, summary: 'Venue confirmed.' }, { 'if-match': etag });
    expect(edited.status).toBe(200);
    etag = edited.headers.get('etag')!;
    await waitFor('the update', () => hitsOn('/ok')[1]);
    const retracted = await api('DELETE', `/api/announcements/${id}`, undefined, { 'if-match': etag });
    expect(retracted.status).toBeLessThan(300);
    await waitFor('the retraction', () => hitsOn('/ok')[2]);
    const payloads = hitsOn('/ok').map((h) => verified(h, endpoints.ok!.secret));
    expect(payloads.map((p) => [p.type, p.data.version, p.data.status])).toEqual([
      ['announcement.published', 1, 'published'],
      ['announcement.updated', 2, 'published'],
      ['announcement.retracted', 3, 'retracted'],
    ]);
    // The other endpoints did not subscribe to these events.
    expect(hitsOn('/flaky')).toHaveLength(2);
  });

  it('records the hanging target as timed out after 10 s, pending its retry', async () => {
    const [item] = await poll(async () => (await api('GET', `/api/webhooks/${endpoints.hang!.id}/deliveries`)).json.items, (i) => i[0]?.attempts.length > 0, 20_000);
    expect(item).toMatchObject({ state: 'pending', attempts: [{ error: 'no answer within 10000 ms' }] });
    expect(item!.attempts[0].status).toBeUndefined();
  }, 30_000);

  it('re-sends a delivery with the same webhook-id and body', async () => {
    const deliveryId = `retracted.${id}.v3`;
    const before = hitsOn('/ok').length;
    const resent = await api('POST', `/api/webhooks/${endpoints.ok!.id}/deliveries/${deliveryId}/resend`);
    expect(resent.status).toBe(202);
    const again = await waitFor('the re-send', () => hitsOn('/ok')[before]);
    expect(again.headers['webhook-id']).toBe(deliveryId);
    expect(again.body).toBe(hitsOn('/ok')[2]!.body);
    expect(verified(again, endpoints.ok!.secret).type).toBe('announcement.retracted');
    expect((await api('POST', `/api/webhooks/${endpoints.ok!.id}/deliveries/published.${id}.v9/resend`)).status).toBe(404);
  });

  it('shows every channel for the announcement\'s current version', async () => {
    const record = await api('GET', `/api/announcements/${id}/deliveries`);
    expect(record.status).toBe(200);
    expect(record.json).toMatchObject({ id, version: 3, status: 'retracted' });
    expect(record.json.channels.feeds).toMatchObject({ state: 'written' });
    expect(record.json.channels.feeds.written).toEqual(expect.arrayContaining(['feeds/rss.xml']));
    // Each hub's answers to the retraction's pings: every topic accepted by one, refused by the other.
    const topics = (record.json.channels.websub.topics as string[]).length;
    expect(topics).toBeGreaterThan(0);
    expect(record.json.channels.websub).toMatchObject({
      state: 'failed',
      answers: [
        { hub: `${hub.base}/ok`, accepted: topics, refused: 0, failed: 0 },
        { hub: `${hub.base}/refuse`, accepted: 0, refused: topics, failed: 0, lastError: 'HTTP 400' },
      ],
    });
    // Nobody follows in this run: the Delete was queued for zero followers.
    expect(record.json.channels.activityPub).toMatchObject({ state: 'queued', activities: [{ activity: 'delete', version: 3 }], followers: 0 });
    const byUrl = Object.fromEntries(record.json.channels.webhooks.map((w: { url: string }) => [w.url, w]));
    expect(byUrl[`${receiver.base}/ok`]).toMatchObject({ state: 'delivered', event: 'announcement.retracted', deliveryId: `retracted.${id}.v3` });
    expect(byUrl[`${receiver.base}/flaky`]).toMatchObject({ state: 'not-subscribed' });
    expect((await api('GET', `/api/announcements/00000000-0000-4000-8000-000000000000/deliveries`)).status).toBe(404);
    expect((await api('GET', `/api/announcements/${id}/deliveries`, undefined, {}, null)).status).toBe(401);
  });

  it('removes an endpoint: 204, then 404', async () => {
    expect((await api('DELETE', `/api/webhooks/${endpoints.flaky!.id}`)).status).toBe(204);
    expect((await api('DELETE', `/api/webhooks/${endpoints.flaky!.id}`)).status).toBe(404);
    expect((await api('GET', '/api/webhooks')).json.items).toHaveLength(2);
  });
});
