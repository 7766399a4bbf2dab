import { describe, expect, it } from '@jest/globals';
import { makeEditorApp } from '../../../functions/review/editor-app';
import { makeReviewFunction } from '../../../functions/review/serve';
import type { AnnouncementInput } from '../../../shared/domain/announcement';
import type { Principal } from '../../../shared/principal';
import { makeRequestAuthenticator } from '../../../shared/services/request-authenticator';
import { apiEvent, recordingLogger } from '../../support/fakes';
import { SITE } from '../../support/fixtures';

/** The editor helpers' routing and authentication, with the services faked (their behaviour: test/e2e/editor-helpers.test.ts). */
function appWith(verified?: Principal) {
  const calls: { input: AnnouncementInput; by: Principal }[] = [];
  const deps = {
    preview: async (input: AnnouncementInput, by: Principal) => (calls.push({ input, by }), { html: '<!doctype html>', socialText: 's', card: { title: 't', description: 'd', url: 'u' } }),
    tags: async () => [{ tag: 'msp', count: 2 }],
    // The one request authenticator every function uses (cookie and CSRF: test/unit/identity/request-authenticator.test.ts).
    authenticator: makeRequestAuthenticator({ verifyToken: async (token) => (token === 'editor-token-0123456789' ? verified : undefined), siteUrl: SITE.siteUrl }),
    logger: recordingLogger(),
  };
  return { app: makeEditorApp(deps), calls, deps };
}
const withVerdict = (e: ReturnType<typeof apiEvent>, lambda: Record<string, string>) => ({ ...e, requestContext: { ...e.requestContext, authorizer: { lambda } } });
const body = { title: 'Seventh Meeting of States Parties', language: 'en' };

describe('the editor helpers on the review function', () => {
  it('take the Lambda authorizer verdict in the cloud, with no token read', async () => {
    const { app, calls } = appWith(undefined);
    const res = await app(withVerdict(apiEvent({ method: 'POST', path: '/api/preview', body }), { subject: 'press@example.org', role: 'editor' }));
    expect(res.statusCode).toBe(200);
    expect(calls.map((c) => c.by)).toEqual([{ subject: 'press@example.org', role: 'editor' }]);
  });

  it('check the bearer token themselves locally, and answer 401 without a valid one', async () => {
    const { app } = appWith({ subject: 'e', role: 'editor' });
    const ok = await app(apiEvent({ method: 'GET', path: '/api/tags', headers: { authorization: 'Bearer editor-token-0123456789' } }));
    expect([ok.statusCode, JSON.parse(ok.body ?? '{}')]).toEqual([200, { items: [{ tag: 'msp', count: 2 }] }]);
    for (const headers of [{}, { authorization: 'Bearer wrong-token-0123456789' }] as Record<string, string>[]) {
      const res = await app(apiEvent({ method: 'GET', path: '/api/tags', headers }));
      expect(res.statusCode).toBe(401);
      expect(res.headers?.['www-authenticate']).toBe('Bearer realm="herald"');
    }
    // A verdict without a known role is no verdict.
    expect((await app(withVerdict(apiEvent({ method: 'GET', path: '/api/tags' }), { subject: 'x', role: 'root' }))).statusCode).toBe(401);
  });

  it('parse the body with the create schema before previewing: a 400 naming the field, nothing previewed', async () => {
    const { app, calls } = appWith({ subject: 'e', role: 'editor' });
    const res = await app(apiEvent({ method: 'POST', path: '/api/preview', body: { language: 'en', colour: 'red' }, headers: { authorization: 'Bearer editor-token-0123456789' } }));
    expect(res.statusCode).toBe(400);
    expect((JSON.parse(res.body ?? '{}') as { details: { path: string }[] }).details.map((d) => d.path).sort()).toEqual(['colour', 'title']);
    expect(calls).toEqual([]);
  });

  it('send /api/ paths to the helpers and everything else to the review page', async () => {
    const { deps } = appWith({ subject: 'e', role: 'editor' });
    const fn = makeReviewFunction({ ...deps, site: SITE, resolve: async () => undefined, pageInputsOf: async (announcement) => ({ announcement, alternates: [] }) });
    expect((await fn(apiEvent({ method: 'GET', path: '/api/nothing' }))).statusCode).toBe(404);
    const review = await fn(apiEvent({ method: 'GET', path: '/review/unknown' }));
    expect([review.statusCode, review.headers?.['content-type']]).toEqual([404, 'text/html; charset=utf-8']);
  });
});
