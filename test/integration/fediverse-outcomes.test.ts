import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoDeliveryOutcomes } from '../../shared/adapters/dynamo-delivery-outcomes';
import { DynamoFollowerStore, DynamoMentionStore, DynamoSentLog } from '../../shared/adapters/dynamo-follower-store';
import { DynamoKvStore } from '../../shared/adapters/dynamo-kv-store';
import { FileKeyPairs } from '../../shared/adapters/file-key-pairs';
import { SendOnlyMessageQueue } from '../../shared/adapters/queue-message-queue';
import type { Announcement } from '../../shared/domain/announcement';
import { recordingQueue, trackedTask } from '../../shared/fediverse/delivery-outcomes';
import { activitiesOf } from '../../shared/fediverse/events';
import { makeFederation, type HeraldFederation } from '../../shared/fediverse/federation';
import { deliverAnnouncement } from '../../shared/fediverse/outgoing';
import type { WebhookStore } from '../../shared/ports/webhook-store';
import { makeDeliveriesRecord } from '../../shared/webhooks/deliveries-record';
import { startEmulators, type Emulators } from '../support/emulators';
import { recordingLogger } from '../support/fakes';
import { msp7En, SITE, stored } from '../support/fixtures';

/**
 * Per-inbox outcomes on DynamoDB Local with real HTTP inboxes: one healthy
 * shared inbox reached, one answering 500 pending while Fedify retries and
 * failed once it gives up, both shown in the announcement's delivery record.
 */
let emu: Emulators;
let inboxes: Server;
let base = '';
const queued: { body: unknown; delay: number }[] = [];
let federation: HeraldFederation;
let outcomes: DynamoDeliveryOutcomes;
const store = new Map<string, Announcement>();

beforeAll(async () => {
  emu = await startEmulators();
  inboxes = createServer((req, res) => req.resume().on('end', () => res.writeHead(req.url!.startsWith('/broken') ? 500 : 202).end()));
  await new Promise<void>((r) => inboxes.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(inboxes.address() as AddressInfo).port}`;
  outcomes = new DynamoDeliveryOutcomes(emu.doc, emu.table);
  federation = makeFederation({
    site: SITE,
    handle: 'news',
    kv: new DynamoKvStore(emu.doc, emu.table),
    queue: recordingQueue(new SendOnlyMessageQueue(async (body, delay) => void queued.push({ body: JSON.parse(body), delay })), outcomes),
    keys: new FileKeyPairs(join(mkdtempSync(join(tmpdir(), 'herald-keys-')), 'keys.json')),
    followers: new DynamoFollowerStore(emu.doc, emu.table, 'news'),
    mentions: new DynamoMentionStore(emu.doc, emu.table, 'news'),
    announcements: { get: async (id: string) => store.get(id), latest: async () => [...store.values()] },
    logger: recordingLogger(),
    allowPrivateAddress: true,
    maxAttempts: 2,
  });
}, 120_000);
afterAll(async () => {
  await new Promise<void>((r) => (inboxes.closeAllConnections(), inboxes.close(() => r())));
  await emu.stop();
});

/** The consumer's part: each due task through trackedTask; the delayed ones come back. */
async function drain(): Promise<{ body: unknown; delay: number }[]> {
  const later: { body: unknown; delay: number }[] = [];
  while (queued.length) {
    const next = queued.shift()!;
    if (next.delay > 0) later.push(next);
    else await trackedTask({ store: outcomes, maxAttempts: 2, drop: async () => undefined }, next.body, () => federation.processQueuedTask(undefined, next.body as never));
  }
  return later;
}

describe('fediverse delivery outcomes', () => {
  it('shows a reached, a pending and then a failed shared inbox in the delivery record', async () => {
    const followers = new DynamoFollowerStore(emu.doc, emu.table, 'news');
    await followers.add({ actorId: `${base}/users/a`, inbox: `${base}/users/a/inbox`, sharedInbox: `${base}/inbox`, followedAt: '2026-11-29T10:00:00.000Z' });
    await followers.add({ actorId: `${base}/broken/users/b`, inbox: `${base}/broken/users/b/inbox`, followedAt: '2026-11-29T10:00:00.000Z' });
    const a = { ...(await stored(msp7En)), id: randomUUID() };
    store.set(a.id, a);
    const record = makeDeliveriesRecord({ doc: emu.doc, table: emu.table, index: { get: async (id) => store.get(id) }, webhooks: { listEndpoints: async () => [] } as unknown as WebhookStore, handle: 'news' });
    const sent = new DynamoSentLog(emu.doc, emu.table);
    expect(await deliverAnnouncement(federation, { site: SITE, handle: 'news', announcements: { get: async (id) => store.get(id), latest: async () => [] }, followers, sent, logger: recordingLogger() }, activitiesOf([{ after: a }])[0]!)).toBe('sent');

    let later = await drain();
    let ap = (await record(a.id)).channels.activityPub;
    expect(ap).toMatchObject({ state: 'queued', followers: 2, inboxes: { reached: 1, pending: 1, failed: 0, failedInboxes: [] } });

    // Retried until Fedify gives up (maxAttempts 2): the broken inbox ends failed, with its status.
    for (let round = 0; later.length && round < 5; round++) {
      queued.push(...later.map((p) => ({ ...p, delay: 0 })));
      later = await drain();
    }
    ap = (await record(a.id)).channels.activityPub;
    expect(ap.inboxes).toMatchObject({ reached: 1, pending: 0, failed: 1, failedInboxes: [{ inbox: `${base}/broken/users/b/inbox`, activity: 'create', status: 500, attempts: 3 }] });
    // The broken inbox's failure run counts each attempt since the first; the reached one has none.
    const run = await outcomes.failure(`${base}/broken/users/b/inbox`, '2030-01-01T00:00:00.000Z');
    expect(run.count).toBe(4);
    expect(run.since < '2030-01-01').toBe(true);
    await outcomes.success(`${base}/broken/users/b/inbox`);
    expect((await outcomes.failure(`${base}/broken/users/b/inbox`, '2030-01-01T00:00:00.000Z'))).toEqual({ since: '2030-01-01T00:00:00.000Z', count: 1 });
    expect(ap.activities).toEqual([expect.objectContaining({ activity: 'create', version: a.version })]);
  });
});
