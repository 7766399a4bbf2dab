import { request as httpRequest, type RequestOptions } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIP } from 'node:net';
import { Webhook } from 'standardwebhooks';
import { guardedLookup, isBlockedAddress } from '../http/address-guard';

/** How long a target may take to answer before the attempt counts as failed. */
export const SEND_TIMEOUT_MS = 10_000;

/** The answer of one attempt: a status if the target answered, else the error. */
export type SendResult = { status?: number; error?: string; ms: number };

/** One signed POST; the delivery id is the webhook-id (the receiver's idempotency key). */
export type WebhookSend = (target: { url: string; secret: string }, deliveryId: string, body: string, at: Date) => Promise<SendResult>;

/**
 * Signs per Standard Webhooks (webhook-id, webhook-timestamp, webhook-signature)
 * and POSTs with node:http(s), no redirects followed, a hard timeout. In the
 * cloud the socket's DNS answer is checked (no private targets, no rebinding).
 */
export function makeWebhookSender(opts: { allowPrivate: boolean; timeoutMs?: number; userAgent?: string }): WebhookSend {
  const timeout = opts.timeoutMs ?? SEND_TIMEOUT_MS;
  return (target, deliveryId, body, at) =>
    new Promise<SendResult>((resolve) => {
      const started = Date.now();
      const done = (r: Omit<SendResult, 'ms'>) => resolve({ ...r, ms: Date.now() - started });
      let url: URL;
      try {
        url = new URL(target.url);
      } catch {
        return done({ error: 'invalid url' });
      }
      const signature = new Webhook(target.secret).sign(deliveryId, at, body);
      const options: RequestOptions = {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
          'user-agent': opts.userAgent ?? 'Herald-Webhooks/1',
          'webhook-id': deliveryId,
          'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
          'webhook-signature': signature,
        },
        signal: AbortSignal.timeout(timeout),
        ...(opts.allowPrivate ? {} : { lookup: guardedLookup }),
      };
      if (!opts.allowPrivate && url.protocol !== 'https:') return done({ error: 'refused: only https targets in the cloud' });
      // An IP literal never goes through the lookup: judge it here.
      const literal = url.hostname.replace(/^\[|\]$/g, '');
      if (!opts.allowPrivate && isIP(literal) && isBlockedAddress(literal)) return done({ error: `refused: ${literal} is a private, loopback or link-local address` });
      const req = (url.protocol === 'https:' ? httpsRequest : httpRequest)(url, options, (res) => {
        res.resume();
        res.on('end', () => done(res.statusCode && res.statusCode < 300 ? { status: res.statusCode } : { status: res.statusCode, error: `answered ${res.statusCode}` }));
        res.on('error', (err) => done({ status: res.statusCode, error: err.message }));
      });
      req.on('error', (err) => done({ error: err.name === 'AbortError' || err.name === 'TimeoutError' ? `no answer within ${timeout} ms` : err.message }));
      req.end(body);
    });
}
