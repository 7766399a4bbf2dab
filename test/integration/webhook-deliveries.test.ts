import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';
import { makeWebhookQueueApp } from '../../functions/webhooks/app';
import { DynamoWebhookStore } from '../../shared/adapters/dynamo-webhook-store';
import type { Announcement } from '../../shared/domain/announcement';
import { webhookEventsOf } from '../../shared/webhooks/events';
import { makeWebhookSender } from '../../shared/webhooks/sender';
import type { WebhookMessage } from '../../shared/webhooks/webhook';
import { makeWebhookService } from '../../shared/webhooks/webhook-service';
import { startEmulators, type Emulators } from '../support/emulators';
import { recordingLogger } from '../support/fakes';
import { msp7En, stored } from '../support/fixtures';

/**
 * Webhooks on DynamoDB Local with a real HTTP receiver: the same stream
 * change seen twice (a duplicate stream record) makes one delivery and one
 * signed POST; the delivery and its attempt are stored.
 */
let emu: Emulators;
let server: Server;
let base = '';
const hits: { headers: Record<string, string>; body: string }[] = [];
const queued: WebhookMessage[] = [];
let announcement: Announcement;

beforeAll(async () => {
  emu = await startEmulators();
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => (hits.push({ headers: req.headers as Record<string, string>, body }), res.writeHead(200).end()));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  announcement = { ...(await stored(msp7En)), id: randomUUID() };
}, 60_000);
afterAll(async () => {
  server?.closeAllConnections();
  await new Promise((r) => server?.close(r));
  await emu?.stop();
});

describe('webhook deliveries on DynamoDB Local', () => {
  it('sends once for a duplicate stream record, signed, and records the attempt', async () => {
    const store = new DynamoWebhookStore(emu.doc, emu.table);
    const service = makeWebhookService({
      store,
      send: makeWebhookSender({ allowPrivate: true }),
      enqueue: async (m) => void queued.push(m),
      announcement: async (id) => (id === announcement.id ? announcement : undefined),
      permalink: (a) => `https://news.example.org/news/${a.slug}/`,
      allowPrivate: true,
      clock: () => new Date(),
      logger: recordingLogger(),
    });
    const app = makeWebhookQueueApp({ webhooks: service, logger: recordingLogger() });
    const endpoint = await service.register({ url: `${base}/hook`, events: ['announcement.published'] }, { subject: 'admin', role: 'admin' } as never);

    // The same change in two stream records: two event messages.
    const change = { after: announcement };
    queued.push(...webhookEventsOf([change]), ...webhookEventsOf([change]));
    expect(queued).toHaveLength(2);
    let n = 0;
    while (queued.length) {
      const m = queued.shift()!;
      const out = await app({ Records: [{ messageId: String(++n), body: JSON.stringify(m) } as never] });
      expect(out.batchItemFailures).toEqual([]);
    }
    expect(hits).toHaveLength(1);
    expect(new Webhook(endpoint.secret).verify(hits[0]!.body, hits[0]!.headers)).toMatchObject({ type: 'announcement.published', data: { id: announcement.id, version: announcement.version } });
    const [delivery] = await service.deliveries(endpoint.id);
    expect(delivery).toMatchObject({ id: `published.${announcement.id}.v${announcement.version}`, state: 'delivered', attempts: [{ status: 200 }] });
    expect(delivery).not.toHaveProperty('body');
    expect((await store.getEndpoint(endpoint.id))?.secret).toBe(endpoint.secret);
    expect(await store.deleteEndpoint(endpoint.id)).toBe(true);
    expect(await store.deleteEndpoint(endpoint.id)).toBe(false);
  });
});
