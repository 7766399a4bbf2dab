import { describe, expect, it } from '@jest/globals';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { makeRedirectsApp } from '../../../functions/redirects/app';
import type { RedirectStore } from '../../../shared/ports/redirect-store';
import { MemoryRedirectEdge } from '../../../shared/redirects/memory-redirect-edge';
import { makeRedirectService } from '../../../shared/redirects/redirect-service';
import { makeRequestAuthenticator } from '../../../shared/services/request-authenticator';
import { apiEvent, recordingLogger } from '../../support/fakes';

const SITE = 'https://news.example.org';
const saved: string[] = [];
const store: RedirectStore = {
  put: async (p) => (saved.push(p.from), true),
  list: async () => ({ items: [] }),
  all: async () => [],
  delete: async () => true,
};
// As in the cloud: no token reads in this function, the authorizer's verdict is in the request context.
const authenticator = makeRequestAuthenticator({ verifyToken: async () => undefined, siteUrl: SITE });
const app = makeRedirectsApp({ redirects: makeRedirectService({ store, edge: new MemoryRedirectEdge(), clock: () => new Date(0) }), authenticator, logger: recordingLogger() });

/** A request the Lambda authorizer has let through, with its verdict. */
function verdict(event: APIGatewayProxyEventV2, role: 'admin' | 'editor', via: 'token' | 'cookie'): APIGatewayProxyEventV2 {
  return { ...event, requestContext: { ...event.requestContext, authorizer: { lambda: { subject: `user:${role}`, role, via } } } } as APIGatewayProxyEventV2;
}
const body = { redirects: [{ from: '/?p=1', to: '/news/a/' }] };
const put = (headers: Record<string, string> = {}) => apiEvent({ method: 'PUT', path: '/api/redirects', body, headers });

describe('the redirects app behind the cloud authorizer', () => {
  it('lets an admin token store redirects', async () => {
    const res = await app(verdict(put(), 'admin', 'token'));
    expect(res.statusCode).toBe(200);
    expect(JSON.parse(res.body!)).toEqual({ saved: 1 });
  });

  it('answers 403 to an editor, and 401 with no verdict, storing nothing', async () => {
    saved.length = 0;
    expect((await app(verdict(put(), 'editor', 'token'))).statusCode).toBe(403);
    expect((await app(put())).statusCode).toBe(401);
    expect((await app(verdict(apiEvent({ method: 'GET', path: '/api/redirects' }), 'editor', 'cookie'))).statusCode).toBe(403);
    expect(saved).toEqual([]);
  });

  it('applies the CSRF rule to a session-cookie write', async () => {
    const refused = await app(verdict(put(), 'admin', 'cookie'));
    expect(refused.statusCode).toBe(403);
    expect(JSON.parse(refused.body!).error).toBe('csrf');
    expect((await app(verdict(put({ 'x-herald-csrf': '1', origin: SITE }), 'admin', 'cookie'))).statusCode).toBe(200);
  });

  it('answers 405 for a method it does not serve', async () => {
    expect((await app(verdict(apiEvent({ method: 'POST', path: '/api/redirects', body }), 'admin', 'token'))).statusCode).toBe(405);
  });
});
