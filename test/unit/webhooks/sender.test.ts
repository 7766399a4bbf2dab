import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';
import { makeWebhookSender } from '../../../shared/webhooks/sender';

const secret = `whsec_${Buffer.from('0123456789abcdef0123456789abcdef').toString('base64')}`;
let server: Server;
let base: string;
const seen: { headers: Record<string, string>; body: string }[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString('utf8')));
    req.on('end', () => {
      seen.push({ headers: req.headers as Record<string, string>, body });
      if (req.url === '/hang') return; // never answers
      res.writeHead(req.url === '/fail' ? 500 : 204).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
});

describe('the signed webhook sender', () => {
  // A generous timeout where the target answers, so a loaded machine cannot fail them; a short one for the hang.
  const send = makeWebhookSender({ allowPrivate: true, timeoutMs: 10_000 });
  const impatient = makeWebhookSender({ allowPrivate: true, timeoutMs: 300 });

  it('signs per Standard Webhooks: the receiver verifies with the secret', async () => {
    const body = JSON.stringify({ type: 'announcement.published', data: { id: 'a' } });
    const result = await send({ url: `${base}/ok`, secret }, 'published.a.v1', body, new Date());
    expect(result).toMatchObject({ status: 204 });
    expect(result.error).toBeUndefined();
    const got = seen.at(-1)!;
    expect(got.headers['webhook-id']).toBe('published.a.v1');
    expect(new Webhook(secret).verify(got.body, got.headers)).toEqual(JSON.parse(body));
    expect(() => new Webhook(`whsec_${Buffer.alloc(32, 7).toString('base64')}`).verify(got.body, got.headers)).toThrow();
  });

  it('reports a 500 as a failed attempt with its status', async () => {
    expect(await send({ url: `${base}/fail`, secret }, 'x', '{}', new Date())).toMatchObject({ status: 500, error: 'answered 500' });
  });

  it('gives up on a hanging target at the timeout', async () => {
    const started = Date.now();
    const result = await impatient({ url: `${base}/hang`, secret }, 'x', '{}', new Date());
    expect(result.error).toBe('no answer within 300 ms');
    // It waited for the timeout rather than failing at once (the jest timeout bounds it from above).
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
  });
});
