import { describe, expect, it } from '@jest/globals';
import { CsrfError } from '../../../shared/domain/errors';
import { makeRequestAuthenticator, type AuthRequest } from '../../../shared/services/request-authenticator';
import { makeSessionService } from '../../../shared/services/session-service';
import { InMemorySessionStore } from '../../support/identity-fakes';

const SITE = 'https://news.example.org';
const TOKEN = 'hrd_editor-token-0123456789abcdefghijklmnopqrstu';

function setup() {
  const sessions = makeSessionService({ sessions: new InMemorySessionStore(), clock: () => new Date(), newId: () => crypto.randomUUID() });
  const auth = makeRequestAuthenticator({
    verifyToken: async (t) => (t === TOKEN ? { subject: 'press@example.org', role: 'editor' } : undefined),
    verifySession: sessions.verify,
    siteUrl: SITE,
  });
  return { sessions, auth };
}
const request = (method: string, headers: Record<string, string> = {}, cookies?: string[], authorizer?: unknown): AuthRequest => ({
  headers,
  ...(cookies ? { cookies } : {}),
  requestContext: { http: { method }, ...(authorizer ? { authorizer } : {}) },
});

describe('the request authenticator', () => {
  it('takes a Bearer token, and then ignores any cookie (a wrong token is not rescued by one)', async () => {
    const { auth, sessions } = setup();
    const { token } = await sessions.create({ id: 'u1', name: 'Ana', role: 'admin' });

    expect((await auth.authenticate(request('POST', { authorization: `Bearer ${TOKEN}` })))?.principal).toEqual({ subject: 'press@example.org', role: 'editor' });
    expect(await auth.authenticate(request('GET', { authorization: 'Bearer wrong-token-0123456789' }, [`herald_session=${token}`]))).toBeUndefined();
  });

  it('takes the session cookie from `cookies` or a Cookie header, naming the editor', async () => {
    const { auth, sessions } = setup();
    const { token, session } = await sessions.create({ id: 'u1', name: 'Ana Editor', role: 'editor' });

    for (const req of [request('GET', {}, [`other=1`, `herald_session=${token}`]), request('GET', { cookie: `a=b; herald_session=${token}` })]) {
      const found = await auth.authenticate(req);
      expect(found).toEqual({ principal: { subject: 'user:u1', role: 'editor', name: 'Ana Editor' }, via: 'cookie', session });
    }
  });

  it('applies the CSRF rule to cookie writes only: X-Herald-CSRF: 1 and the site Origin', async () => {
    const { auth, sessions } = setup();
    const cookie = [`herald_session=${(await sessions.create({ id: 'u1', name: 'Ana', role: 'editor' })).token}`];

    await expect(auth.authenticate(request('POST', {}, cookie))).rejects.toThrow(CsrfError);
    await expect(auth.authenticate(request('PUT', { 'x-herald-csrf': '1', origin: 'https://news.example.org.evil.net' }, cookie))).rejects.toThrow(CsrfError);
    await expect(auth.authenticate(request('DELETE', { 'x-herald-csrf': 'true', origin: SITE }, cookie))).rejects.toThrow(CsrfError);
    expect(await auth.authenticate(request('DELETE', { 'x-herald-csrf': '1', origin: SITE }, cookie))).toBeDefined();
    expect(await auth.authenticate(request('HEAD', {}, cookie))).toBeDefined();
    expect(await auth.authenticate(request('POST', { authorization: `Bearer ${TOKEN}` }))).toBeDefined();
  });

  it('trusts the authorizer verdict but re-applies the CSRF rule when it came from a cookie', async () => {
    const { auth } = setup();
    const verdict = { lambda: { subject: 'user:u1', role: 'editor', name: 'Ana', via: 'cookie' } };

    await expect(auth.require(request('POST', {}, undefined, verdict))).rejects.toThrow(CsrfError);
    expect((await auth.require(request('POST', { 'x-herald-csrf': '1', origin: SITE }, undefined, verdict))).principal).toEqual({ subject: 'user:u1', role: 'editor', name: 'Ana' });
    expect((await auth.require(request('POST', {}, undefined, { lambda: { subject: 'bot', role: 'admin', name: 'bot', via: 'token' } }))).principal).toEqual({ subject: 'bot', role: 'admin' });
  });

  it('answers 401 from require when nobody is signed in', async () => {
    await expect(setup().auth.require(request('GET'))).rejects.toMatchObject({ status: 401 });
  });
});
