import { describe, expect, it } from '@jest/globals';
import type { Announcement } from '../../../shared/domain/announcement';
import type { WebhookStore } from '../../../shared/ports/webhook-store';
import type { SendResult } from '../../../shared/webhooks/sender';
import type { WebhookDelivery, WebhookEndpoint, WebhookMessage } from '../../../shared/webhooks/webhook';
import { makeWebhookService, RETRY_DELAYS_SECONDS } from '../../../shared/webhooks/webhook-service';
import { recordingLogger } from '../../support/fakes';

/** An in-memory WebhookStore with the adapter's create-once rule. */
function memoryStore(): WebhookStore {
  const endpoints = new Map<string, WebhookEndpoint>();
  const deliveries = new Map<string, WebhookDelivery>();
  const key = (e: string, id: string) => `${e}|${id}`;
  return {
    putEndpoint: async (e) => void endpoints.set(e.id, e),
    getEndpoint: async (id) => endpoints.get(id),
    listEndpoints: async () => [...endpoints.values()],
    deleteEndpoint: async (id) => endpoints.delete(id),
    createDelivery: async (d) => (deliveries.has(key(d.endpointId, d.id)) ? false : (deliveries.set(key(d.endpointId, d.id), structuredClone(d)), true)),
    getDelivery: async (e, id) => structuredClone(deliveries.get(key(e, id))),
    listDeliveries: async (e) => [...deliveries.values()].filter((d) => d.endpointId === e),
    recordAttempt: async (e, id, a, state) => {
      const d = deliveries.get(key(e, id))!;
      d.attempts.push(a);
      d.state = state;
    },
    reopen: async (e, id, n) => {
      const d = deliveries.get(key(e, id))!;
      d.state = 'pending';
      d.resentAfter = n;
    },
  };
}

const ANN = { id: '6f1c1f0e-1111-4222-8333-444455556666', title: '7MSP', language: 'en', status: 'published', version: 1, slug: '7msp' } as unknown as Announcement;
const admin = { subject: 'admin', role: 'admin' } as const;

function setup(answers: SendResult[]) {
  const queue: { m: WebhookMessage; delay: number }[] = [];
  const sent: { deliveryId: string; body: string }[] = [];
  const service = makeWebhookService({
    store: memoryStore(),
    send: async (_t, deliveryId, body) => (sent.push({ deliveryId, body }), answers.shift() ?? { status: 200, ms: 1 }),
    enqueue: async (m, delay) => void queue.push({ m, delay }),
    announcement: async (id) => (id === ANN.id ? ANN : undefined),
    permalink: (a) => `https://news.example.org/news/${a.slug}/`,
    allowPrivate: true,
    clock: () => new Date('2026-11-30T01:00:00Z'),
    logger: recordingLogger(),
  });
  /** Runs every queued message, as the queue would (delays ignored, recorded). */
  const drain = async () => {
    const delays: number[] = [];
    while (queue.length) {
      const { m, delay } = queue.shift()!;
      delays.push(delay);
      if (m.kind === 'webhook-event') await service.fanOut(m);
      else await service.attempt(m);
    }
    return delays;
  };
  return { service, queue, sent, drain };
}

describe('the webhook service', () => {
  it('makes one delivery per subscribed endpoint, and none for a duplicate event', async () => {
    const { service, queue, sent, drain } = setup([]);
    await service.register({ url: 'http://127.0.0.1:1/a', events: ['announcement.published'] }, admin);
    await service.register({ url: 'http://127.0.0.1:1/b', events: ['announcement.retracted'] }, admin);
    const event = { kind: 'webhook-event', event: 'announcement.published', id: ANN.id, version: 1 } as const;
    queue.push({ m: event, delay: 0 }, { m: event, delay: 0 });
    await drain();
    expect(sent).toHaveLength(1);
    expect(JSON.parse(sent[0]!.body)).toEqual({
      type: 'announcement.published',
      timestamp: '2026-11-30T01:00:00.000Z',
      data: { id: ANN.id, url: 'https://news.example.org/news/7msp/', title: '7MSP', language: 'en', status: 'published', version: 1 },
    });
  });

  it('retries a failed attempt after the next delay, with the same body, and stops when it succeeds', async () => {
    const { service, queue, sent, drain } = setup([{ status: 500, error: 'answered 500', ms: 3 }]);
    const e = await service.register({ url: 'http://127.0.0.1:1/a', events: ['announcement.published'] }, admin);
    queue.push({ m: { kind: 'webhook-event', event: 'announcement.published', id: ANN.id, version: 1 }, delay: 0 });
    const delays = await drain();
    expect(delays).toEqual([0, 0, RETRY_DELAYS_SECONDS[0]]);
    expect(sent.map((s) => s.body)).toEqual([sent[0]!.body, sent[0]!.body]);
    const [d] = await service.deliveries(e.id);
    expect(d).toMatchObject({ state: 'delivered', attempts: [{ status: 500, error: 'answered 500' }, { status: 200 }] });
  });

  it('gives up after the bounded retries, and a re-send gets a fresh budget', async () => {
    const failing = () => Array.from({ length: 20 }, () => ({ error: 'no answer within 10000 ms', ms: 10000 }));
    const { service, queue, sent, drain } = setup(failing());
    const e = await service.register({ url: 'http://127.0.0.1:1/a', events: ['announcement.published'] }, admin);
    queue.push({ m: { kind: 'webhook-event', event: 'announcement.published', id: ANN.id, version: 1 }, delay: 0 });
    expect(await drain()).toEqual([0, 0, ...RETRY_DELAYS_SECONDS]);
    const [d] = await service.deliveries(e.id);
    expect(d).toMatchObject({ state: 'failed' });
    expect(d!.attempts).toHaveLength(RETRY_DELAYS_SECONDS.length + 1);
    await service.resend(e.id, d!.id);
    await drain();
    expect(sent).toHaveLength(2 * (RETRY_DELAYS_SECONDS.length + 1));
  });

  it('keeps the secret out of the list, and 404s unknown endpoints and deliveries', async () => {
    const { service } = setup([]);
    const e = await service.register({ url: 'http://127.0.0.1:1/a', events: ['announcement.updated'] }, admin);
    expect(e.secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(await service.list()).toEqual([{ id: e.id, url: e.url, events: e.events, createdAt: e.createdAt, createdBy: 'admin' }]);
    await expect(service.resend(e.id, `published.${ANN.id}.v9`)).rejects.toMatchObject({ status: 404 });
    await expect(service.remove('00000000-0000-4000-8000-000000000000')).rejects.toMatchObject({ status: 404 });
  });
});
