import { describe, expect, it } from '@jest/globals';
import { apiEvent } from '../../support/fakes';
import { draftStatement } from '../../support/fixtures';
import { REVOKED, SITE_URL, adminApp, headerOf, json } from './setup';

async function withDraft() {
  const ctx = adminApp();
  const id = String(json(await ctx.call({ method: 'POST', path: '/api/announcements', body: draftStatement })).id);
  return { ...ctx, id, links: `/api/announcements/${id}/review-links` };
}

describe('POST /api/announcements/{id}/review-links', () => {
  it('returns 201 with id, url and expiresAt, a week ahead without a body', async () => {
    const { call, links, clock } = await withDraft();
    const res = await call({ method: 'POST', path: links });
    const body = json(res);
    expect(res.statusCode).toBe(201);
    expect(Object.keys(body).sort()).toEqual(['expiresAt', 'id', 'url']);
    expect(String(body.url)).toMatch(new RegExp(`^${SITE_URL}/review/[A-Za-z0-9_-]{43}$`));
    expect(body.expiresAt).toBe(new Date(clock().getTime() + 168 * 3600_000).toISOString());
    expect(headerOf(res, 'location')).toBe(`${links}/${String(body.id)}`);
  });

  it.each<[string, unknown]>([
    ['zero hours', { expiresInHours: 0 }],
    ['more than 30 days', { expiresInHours: 721 }],
    ['a fraction', { expiresInHours: 1.5 }],
    ['a string', { expiresInHours: '24' }],
  ])('returns 400 naming expiresInHours for %s, and stores nothing', async (_name, body) => {
    const { call, links, reviewLinks } = await withDraft();
    const res = await call({ method: 'POST', path: links, body });
    expect(res.statusCode).toBe(400);
    expect(json(res).details?.map((d) => d.path)).toEqual(['expiresInHours']);
    expect(reviewLinks.byHash.size).toBe(0);
  });

  it('returns 400 naming an unknown field, and 404 for an unknown announcement', async () => {
    const { call, links } = await withDraft();
    const unknown = await call({ method: 'POST', path: links, body: { expiresInHours: 1, public: true } });
    expect(unknown.statusCode).toBe(400);
    expect(json(unknown).details?.map((d) => d.path)).toEqual(['public']);
    const missing = await call({ method: 'POST', path: '/api/announcements/00000000-0000-4000-8000-00000000ffff/review-links' });
    expect(missing.statusCode).toBe(404);
  });
});

describe('listing and revoking review links', () => {
  it('lists without tokens and revokes with 204, then 404 for the same link', async () => {
    const { call, links } = await withDraft();
    const made = json(await call({ method: 'POST', path: links, body: { expiresInHours: 2 } }));
    const listed = await call({ method: 'GET', path: links });
    expect(listed.statusCode).toBe(200);
    expect(JSON.stringify(json(listed))).not.toContain(String(made.url).split('/').pop());
    expect((json(listed).items as { id: string }[]).map((l) => l.id)).toEqual([made.id]);

    const revoked = await call({ method: 'DELETE', path: `${links}/${String(made.id)}` });
    expect(revoked.statusCode).toBe(204);
    expect(revoked.body).toBe('');
    expect((await call({ method: 'DELETE', path: `${links}/${String(made.id)}` })).statusCode).toBe(404);
    expect((await call({ method: 'DELETE', path: `${links}/not-a-uuid` })).statusCode).toBe(404);
    expect(json(await call({ method: 'GET', path: links })).items).toEqual([]);
  });
});

describe('who may manage review links', () => {
  const routes = (links: string) => [
    { method: 'POST', path: links },
    { method: 'GET', path: links },
    { method: 'DELETE', path: `${links}/00000000-0000-4000-8000-000000000009` },
  ];

  it.each([
    ['no token', {}],
    ['a revoked token', { authorization: `Bearer ${REVOKED}` }],
    ['a malformed header', { authorization: 'Basic abc' }],
  ])('answers 401 with %s, and stores nothing', async (_name, headers) => {
    const { app, links, reviewLinks } = await withDraft();
    for (const r of routes(links)) {
      const res = await app(apiEvent({ ...r, headers }));
      expect(res.statusCode).toBe(401);
    }
    expect(reviewLinks.byHash.size).toBe(0);
  });

  it('lets an editor make, list and revoke them (admins pass the same check)', async () => {
    const { call, links } = await withDraft();
    const made = await call({ method: 'POST', path: links });
    expect(made.statusCode).toBe(201);
    expect((await call({ method: 'GET', path: links })).statusCode).toBe(200);
    expect((await call({ method: 'DELETE', path: `${links}/${String(json(made).id)}` })).statusCode).toBe(204);
  });
});
