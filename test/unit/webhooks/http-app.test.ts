import { describe, expect, it } from '@jest/globals';
import { makeWebhookHttpApp } from '../../../functions/webhooks/app';
import { makeRequestAuthenticator } from '../../../shared/services/request-authenticator';
import type { WebhookService } from '../../../shared/webhooks/webhook-service';
import { apiEvent, recordingLogger } from '../../support/fakes';

const registered: unknown[] = [];
const webhooks = {
  register: async (input: unknown) => (registered.push(input), { id: 'x', secret: 'whsec_x', ...(input as object) }),
  list: async () => [],
} as unknown as WebhookService;
const authenticator = makeRequestAuthenticator({
  verifyToken: async (t) => (t === 'admin-token-0123456789' ? { subject: 'a', role: 'admin' } : t === 'editor-token-0123456789' ? { subject: 'e', role: 'editor' } : undefined),
  siteUrl: 'https://news.example.org',
});
const app = makeWebhookHttpApp({ webhooks, authenticator, announcementDeliveries: async (id) => ({ id }), logger: recordingLogger() });
const as = (token?: string): Record<string, string> => (token ? { authorization: `Bearer ${token}` } : {});
const post = (body: unknown, token?: string) => app(apiEvent({ method: 'POST', path: '/api/webhooks', body, headers: as(token) }));
const details = (r: { body?: string }) => (JSON.parse(r.body!) as { details: { path: string }[] }).details.map((d) => d.path);

describe('the webhooks HTTP app', () => {
  it('answers 401 without a token and 403 to an editor, on every admin route', async () => {
    const good = { url: 'https://hooks.example.com/x', events: ['announcement.published'] };
    expect((await post(good)).statusCode).toBe(401);
    expect((await post(good, 'editor-token-0123456789')).statusCode).toBe(403);
    for (const [method, path] of [['GET', '/api/webhooks'], ['DELETE', '/api/webhooks/6f1c1f0e-1111-4222-8333-444455556666'], ['GET', '/api/webhooks/6f1c1f0e-1111-4222-8333-444455556666/deliveries']]) {
      expect((await app(apiEvent({ method: method!, path: path! }))).statusCode).toBe(401);
      expect((await app(apiEvent({ method: method!, path: path!, headers: as('editor-token-0123456789') }))).statusCode).toBe(403);
    }
    expect(registered).toEqual([]);
  });

  it('lets an editor read an announcement\'s delivery record, but not anonymously', async () => {
    const path = '/api/announcements/6f1c1f0e-1111-4222-8333-444455556666/deliveries';
    expect((await app(apiEvent({ method: 'GET', path, headers: as('editor-token-0123456789') }))).statusCode).toBe(200);
    expect((await app(apiEvent({ method: 'GET', path }))).statusCode).toBe(401);
    expect((await app(apiEvent({ method: 'GET', path: '/api/announcements/nope/deliveries', headers: as('editor-token-0123456789') }))).statusCode).toBe(404);
  });

  it('names the bad field: url, events.N, an unknown key; stores nothing', async () => {
    expect(details(await post({ url: 'not a url', events: ['announcement.published'] }, 'admin-token-0123456789'))).toEqual(['url']);
    expect(details(await post({ url: 'https://u:p@hooks.example.com/', events: ['announcement.published'] }, 'admin-token-0123456789'))).toEqual(['url']);
    expect(details(await post({ url: 'https://hooks.example.com/', events: ['announcement.published', 'announcement.nope'] }, 'admin-token-0123456789'))).toEqual(['events.1']);
    expect(details(await post({ url: 'https://hooks.example.com/', events: ['announcement.published'], secret: 'mine' }, 'admin-token-0123456789'))).toEqual(['secret']);
    expect((await post({ url: 'https://hooks.example.com/', events: ['announcement.published'] }, 'admin-token-0123456789')).statusCode).toBe(201);
    expect(registered).toHaveLength(1);
  });
});
