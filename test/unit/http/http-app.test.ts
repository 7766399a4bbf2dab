import { describe, expect, it } from '@jest/globals';
import { ConflictError } from '../../../shared/domain/errors';
import { makeHttpApp, pathParam, who, type AppRoute } from '../../../shared/http/http-app';
import { json } from '../../../shared/http/responses';
import { makeRequestAuthenticator } from '../../../shared/services/request-authenticator';
import { apiEvent, recordingLogger } from '../../support/fakes';

// Bearer tokens are at least 16 characters.
const TOKENS = new Map<string | undefined, 'admin' | 'editor'>([['admin-token-0123456789', 'admin'], ['editor-token-0123456789', 'editor']]);
const authenticator = makeRequestAuthenticator({
  verifyToken: async (token) => {
    const role = TOKENS.get(token);
    return role ? { subject: `token:${role}`, role } : undefined;
  },
  siteUrl: undefined,
});
const ran: string[] = [];
const routes: AppRoute[] = [
  { method: 'GET', path: '/api/open', public: true, handle: async (req) => (ran.push('open'), json(200, { signedIn: req.principal !== undefined })) },
  { method: 'GET', path: '/api/things/{id}', handle: async (req) => (ran.push('get'), json(200, { id: pathParam(req, 'id', 'thing'), by: who(req).subject })) },
  { method: 'POST', path: '/api/things', role: 'admin', handle: async () => (ran.push('post'), json(201, { id: 'new' })) },
  { method: 'DELETE', path: '/api/things/{id}', handle: async () => { throw new ConflictError('in use'); } },
  { method: 'PUT', path: '/api/things/{id}', handle: async () => { throw new Error('disk on fire'); } },
];
const ID = '00000000-0000-4000-8000-000000000001';
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

function app(options: { headAsGet?: boolean } = {}) {
  const logger = recordingLogger();
  return { logger, handle: makeHttpApp({ label: 'things', routes, authenticator, logger, ...options }) };
}

describe('makeHttpApp, the request skeleton of every HTTP function', () => {
  it('answers 404 for an unknown path and 405 with Allow for a known path with another method, running nothing', async () => {
    ran.length = 0;
    const { handle } = app();
    expect((await handle(apiEvent({ method: 'GET', path: '/api/nothing', headers: bearer('admin-token-0123456789') }))).statusCode).toBe(404);
    const wrong = await handle(apiEvent({ method: 'PATCH', path: '/api/things', headers: bearer('admin-token-0123456789') }));
    expect(wrong.statusCode).toBe(405);
    expect(wrong.headers?.allow).toBe('POST');
    expect(ran).toEqual([]);
  });

  it('serves a public route to anyone, without asking who they are', async () => {
    const res = await app().handle(apiEvent({ method: 'GET', path: '/api/open/' }));
    expect(res.statusCode).toBe(200);
    expect(JSON.parse(res.body!)).toEqual({ signedIn: false });
  });

  it('answers 401 without a valid token and 403 to an editor on an admin route, running neither', async () => {
    ran.length = 0;
    const { handle } = app();
    expect((await handle(apiEvent({ method: 'GET', path: `/api/things/${ID}` }))).statusCode).toBe(401);
    expect((await handle(apiEvent({ method: 'GET', path: `/api/things/${ID}`, headers: bearer('stolen-token-0123456789') }))).statusCode).toBe(401);
    const denied = await handle(apiEvent({ method: 'POST', path: '/api/things', headers: bearer('editor-token-0123456789'), body: {} }));
    expect(denied.statusCode).toBe(403);
    expect(JSON.parse(denied.body!).message).toBe('POST /api/things needs an admin');
    expect(ran).toEqual([]);
  });

  it('hands the route its decoded parameters and caller; an id that cannot exist is a 404', async () => {
    const { handle } = app();
    const res = await handle(apiEvent({ method: 'GET', path: `/api/things/${ID}`, headers: bearer('editor-token-0123456789') }));
    expect(JSON.parse(res.body!)).toEqual({ id: ID, by: 'token:editor' });
    const bad = await handle(apiEvent({ method: 'GET', path: '/api/things/..%2Fetc', headers: bearer('editor-token-0123456789') }));
    expect(bad.statusCode).toBe(404);
    expect(JSON.parse(bad.body!).message).toBe('no thing with id ../etc');
  });

  it('logs each write with who made it, and no read', async () => {
    const { handle, logger } = app();
    await handle(apiEvent({ method: 'GET', path: `/api/things/${ID}`, headers: bearer('admin-token-0123456789') }));
    await handle(apiEvent({ method: 'POST', path: '/api/things', headers: bearer('admin-token-0123456789'), body: {} }));
    expect(logger.entries).toEqual([
      { level: 'info', message: 'things write', extra: { requestId: expect.any(String), method: 'POST', route: '/api/things', status: 201, subject: 'token:admin' } },
    ]);
  });

  it('maps a typed error to its status, and an unexpected one to a 500 without a stack (logged with it)', async () => {
    const { handle, logger } = app();
    const conflict = await handle(apiEvent({ method: 'DELETE', path: `/api/things/${ID}`, headers: bearer('admin-token-0123456789') }));
    expect(conflict.statusCode).toBe(409);
    const failed = await handle(apiEvent({ method: 'PUT', path: `/api/things/${ID}`, headers: bearer('admin-token-0123456789'), body: {} }));
    expect(failed.statusCode).toBe(500);
    expect(failed.body).not.toContain('disk on fire');
    expect(failed.body).not.toMatch(/at .*\.ts:\d+/);
    const logged = logger.entries.find((e) => e.level === 'error');
    expect(String(logged?.extra.error)).toContain('disk on fire');
  });

  it('answers HEAD as GET without a body when asked to, and 405 otherwise', async () => {
    const head = apiEvent({ method: 'HEAD', path: `/api/things/${ID}`, headers: bearer('admin-token-0123456789') });
    const mirrored = await app({ headAsGet: true }).handle(head);
    expect(mirrored.statusCode).toBe(200);
    expect(mirrored.headers?.['content-type']).toContain('application/json');
    expect(mirrored.body).toBe('');
    expect((await app().handle(head)).statusCode).toBe(405);
  });
});
