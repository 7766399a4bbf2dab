import { describe, expect, it } from '@jest/globals';
import type { AnnouncementService } from '../../../shared/services/announcement-service';
import { apiEvent } from '../../support/fakes';
import { msp7En } from '../../support/fixtures';
import { REVOKED, adminApp, headerOf, json } from './setup';

const UNKNOWN_ID = '00000000-0000-4000-8000-0000000000ff';

describe('admin API: authentication', () => {
  it.each([
    ['no Authorization header', {}],
    ['a token nobody issued', { authorization: 'Bearer not-a-token-anyone-issued' }],
    ['a revoked token', { authorization: `Bearer ${REVOKED}` }],
    ['a Basic credential', { authorization: 'Basic ZWRpdG9yOnNlY3JldA==' }],
  ])('returns 401 with %s, and writes nothing', async (_name, headers) => {
    // Prepare
    const { app, store } = adminApp();
    // Act
    const response = await app(apiEvent({ method: 'POST', path: '/api/announcements', headers, body: msp7En }));
    // Assess
    expect(response.statusCode).toBe(401);
    expect(json(response).error).toBe('unauthorized');
    expect(headerOf(response, 'www-authenticate')).toBe('Bearer realm="herald"');
    expect(store.writes).toEqual([]);
  });

  it('serves health without a token', async () => {
    const { app } = adminApp();
    const response = await app(apiEvent({ method: 'GET', path: '/api/health' }));
    expect({ status: response.statusCode, body: json(response) }).toEqual({ status: 200, body: { status: 'ok' } });
  });

  it("trusts the Lambda authorizer's verdict in the request context", async () => {
    const { app, store } = adminApp();
    const event = apiEvent({ method: 'POST', path: '/api/announcements', body: msp7En });
    Object.assign(event.requestContext, { authorizer: { lambda: { subject: 'cloud-editor', role: 'editor' } } });
    const response = await app(event);
    expect(response.statusCode).toBe(201);
    expect(json(response).createdBy).toBe('cloud-editor');
    expect(store.writes).toHaveLength(1);
  });
});

describe('admin API: routing', () => {
  it.each([
    ['an unknown route', '/api/nothing-here'],
    ['an unknown id', `/api/announcements/${UNKNOWN_ID}`],
    ['an id that is not a UUID', '/api/announcements/not-a-uuid'],
    ['a malformed %-escape', '/api/announcements/%E0%A4%A'],
  ])('returns 404 for %s', async (_name, path) => {
    const { call } = adminApp();
    const response = await call({ method: 'GET', path });
    expect(response.statusCode).toBe(404);
    expect(json(response).error).toBe('not_found');
  });

  it('returns 405 with Allow for a wrong method, and writes nothing', async () => {
    const { call, store } = adminApp();
    const response = await call({ method: 'PATCH', path: `/api/announcements/${UNKNOWN_ID}`, body: msp7En });
    expect(response.statusCode).toBe(405);
    expect(String(headerOf(response, 'allow')).split(', ').sort()).toEqual(['DELETE', 'GET', 'PUT']);
    expect(store.writes).toEqual([]);
  });

  it('answers HEAD with the headers of GET and an empty body', async () => {
    // Prepare
    const { call } = adminApp();
    const created = json(await call({ method: 'POST', path: '/api/announcements', body: msp7En }));
    const path = `/api/announcements/${String(created.id)}`;
    // Act
    const get = await call({ method: 'GET', path });
    const head = await call({ method: 'HEAD', path });
    // Assess
    expect(get.body).toContain('Seventh Meeting of States Parties');
    expect(head).toEqual({ ...get, body: '' });
    expect(headerOf(head, 'etag')).toBe('"v1"');
  });

  // An error answer to HEAD (here 404) must not carry its JSON body either.
  it('answers HEAD of an unknown id with 404 and an empty body', async () => {
    const { call } = adminApp();
    const head = await call({ method: 'HEAD', path: `/api/announcements/${UNKNOWN_ID}` });
    expect({ status: head.statusCode, body: head.body }).toEqual({ status: 404, body: '' });
  });

  it('accepts a trailing slash on a route', async () => {
    const { call } = adminApp();
    expect((await call({ method: 'GET', path: '/api/announcements/' })).statusCode).toBe(200);
  });
});

describe('admin API: internal errors', () => {
  it('answers a non-Herald error with a bare 500 carrying no stack or message, and logs it', async () => {
    // Prepare
    const boom = (s: AnnouncementService): AnnouncementService => ({
      ...s,
      list: async () => {
        throw new TypeError('connect ECONNREFUSED password=hunter2');
      },
    });
    const { call, logger } = adminApp(boom);
    // Act
    const response = await call({ method: 'GET', path: '/api/announcements' });
    // Assess
    expect(response.statusCode).toBe(500);
    expect(json(response)).toEqual({
      error: 'internal_error',
      message: 'something went wrong on our side',
      requestId: 'req-1',
      details: [],
    });
    expect(response.body).not.toMatch(/hunter2|TypeError|\bat\s|\.ts:\d+/);
    expect(logger.entries.map((e) => [e.level, e.message])).toEqual([['error', 'request failed']]);
    expect(String(logger.entries[0]?.extra.error)).toContain('hunter2');
  });
});
