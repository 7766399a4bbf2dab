import { WEBHOOK_ROUTE_DOCS } from '../../../functions/webhooks/route-docs';
import { describe, expect, it } from '@jest/globals';
import * as z from 'zod';
import { patternOf } from '../../../shared/http/route-match';
import { routes } from '../../../functions/admin/routes';
import { AnnouncementInput } from '../../../shared/domain/announcement';
import { TokenInput } from '../../../shared/domain/token';
import { IDENTITY_ROUTE_DOCS } from '../../../functions/identity/route-docs';
import { InvitationInput } from '../../../shared/domain/identity-input';
import { MEDIA_ROUTE_DOCS } from '../../../functions/media/route-docs';
import { REDIRECT_ROUTE_DOCS } from '../../../functions/redirects/route-docs';
import { PutRedirects } from '../../../shared/redirects/redirect';
import { EDITOR_ROUTE_DOCS } from '../../../functions/review/editor-route-docs';
import { FUNCTIONS } from '../../../infra/functions';
import { MediaRequest } from '../../../shared/domain/media';
import { adminApp, json } from './setup';
import { readFileSync } from 'node:fs';
import { OPENAPI_FILE, openApiText } from '../../../infra/bundle/write-openapi';

type Operation = { parameters: { name: string; in: string }[]; requestBody?: { content: Record<string, { schema: unknown }> }; responses: Record<string, unknown>; security?: unknown[] };
type Doc = { openapi: string; paths: Record<string, Record<string, Operation>> };

async function fetchDoc(): Promise<Doc> {
  const { call } = adminApp();
  const res = await call({ method: 'GET', path: '/api/openapi.json' });
  expect(res.statusCode).toBe(200);
  return json(res) as unknown as Doc;
}

const input = (schema: z.core.$ZodType) => {
  const { $schema: _d, ...rest } = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
  return rest;
};

describe('GET /api/openapi.json', () => {
  it('is an OpenAPI 3.1 document with every route the router serves', async () => {
    const doc = await fetchDoc();
    expect(doc.openapi).toBe('3.1.0');
    const documented = Object.entries(doc.paths).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`));
    const served = [...routes, ...Object.values(MEDIA_ROUTE_DOCS), ...Object.values(IDENTITY_ROUTE_DOCS), ...Object.values(EDITOR_ROUTE_DOCS), ...Object.values(WEBHOOK_ROUTE_DOCS), ...Object.values(REDIRECT_ROUTE_DOCS)].map((r) => `${r.method} ${r.path}`);
    expect(documented.sort()).toEqual(served.sort());
    expect(documented).toEqual(
      expect.arrayContaining([
        'POST /api/announcements',
        'GET /api/announcements/{id}/history',
        'POST /api/tokens',
        'DELETE /api/tokens/{id}',
        'POST /api/feeds/rebuild',
        'GET /api/openapi.json',
        'POST /api/media/{id}/complete',
        ...Object.values(IDENTITY_ROUTE_DOCS).map((r) => `${r.method} ${r.path}`),
        'POST /api/preview',
        'GET /api/tags',
      ]),
    );
  });

  it('documents exactly the HTTP routes declared for the media function, with its request schema', async () => {
    const doc = await fetchDoc();
    const media = FUNCTIONS.find((f) => f.name === 'media')!.triggers.flatMap((t) => (t.kind === 'http' ? [`${t.method} ${t.path}`] : []));
    expect(Object.values(MEDIA_ROUTE_DOCS).map((r) => `${r.method} ${r.path}`).sort()).toEqual(media.sort());
    expect(doc.paths['/api/media']?.post?.requestBody?.content['application/json']?.schema).toEqual(input(MediaRequest));
  });

  it('documents exactly the HTTP routes declared for the redirects function, admin only, with the PUT schema', async () => {
    const doc = await fetchDoc();
    const declared = FUNCTIONS.find((f) => f.name === 'redirects')!.triggers.flatMap((t) => (t.kind === 'http' ? [`${t.method} ${t.path}`] : []));
    expect(Object.values(REDIRECT_ROUTE_DOCS).map((r) => `${r.method} ${r.path}`).sort()).toEqual(declared.sort());
    expect(doc.paths['/api/redirects']?.put?.requestBody?.content['application/json']?.schema).toEqual(input(PutRedirects));
    expect(doc.paths['/api/redirects']?.delete?.parameters.map((p) => `${p.in} ${p.name}`)).toEqual(['query from']);
    expect(doc.paths['/api/redirects']!.get!.responses).toHaveProperty('403');
    expect(doc.paths['/api/media/fetch']?.post?.responses).toHaveProperty('422');
  });

  it('documents exactly the HTTP routes declared for the identity function, public sign-in and admin people routes', async () => {
    const doc = await fetchDoc();
    const identity = FUNCTIONS.find((f) => f.name === 'identity')!.triggers.flatMap((t) => (t.kind === 'http' ? [`${t.method} ${t.path}`] : []));
    expect(Object.values(IDENTITY_ROUTE_DOCS).map((r) => `${r.method} ${r.path}`).sort()).toEqual(identity.sort());
    expect(doc.paths['/api/auth/login']!.post!.security).toEqual([]);
    expect(doc.paths['/api/invitations']!.post!.responses).toHaveProperty('403');
    expect(doc.paths['/api/invitations']?.post?.requestBody?.content['application/json']?.schema).toEqual(input(InvitationInput));
  });

  it('documents exactly the token routes declared for the review function (the editor helpers), preview with the create schema', async () => {
    const doc = await fetchDoc();
    const review = FUNCTIONS.find((f) => f.name === 'review')!.triggers.flatMap((t) => (t.kind === 'http' && t.auth === 'token' ? [`${t.method} ${t.path}`] : []));
    expect(Object.values(EDITOR_ROUTE_DOCS).map((r) => `${r.method} ${r.path}`).sort()).toEqual(review.sort());
    expect(doc.paths['/api/preview']?.post?.requestBody?.content['application/json']?.schema).toEqual(input(AnnouncementInput));
    expect(doc.paths['/api/tags']?.get?.responses).toHaveProperty('401');
  });

  it('describes request bodies with the zod schemas the handlers parse with', async () => {
    const doc = await fetchDoc();
    const body = (path: string, method: string) => doc.paths[path]?.[method]?.requestBody?.content['application/json']?.schema;
    expect(body('/api/announcements', 'post')).toEqual(input(AnnouncementInput));
    expect(body('/api/announcements/{id}', 'put')).toEqual(input(AnnouncementInput));
    expect(body('/api/tokens', 'post')).toEqual(input(TokenInput));
    expect(JSON.stringify(body('/api/announcements', 'post'))).toContain('publishAt');
  });

  it('declares every path parameter, the list filters, If-Match and Idempotency-Key', async () => {
    const doc = await fetchDoc();
    for (const [path, ops] of Object.entries(doc.paths)) {
      const names = [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
      for (const op of Object.values(ops)) {
        expect(op.parameters.filter((p) => p.in === 'path').map((p) => p.name)).toEqual(names);
      }
    }
    const list = doc.paths['/api/announcements']!.get!.parameters.filter((p) => p.in === 'query').map((p) => p.name);
    expect(list.sort()).toEqual(['cursor', 'from', 'language', 'limit', 'q', 'status', 'tag', 'to']);
    expect(doc.paths['/api/announcements/{id}']!.put!.parameters.map((p) => p.name)).toContain('If-Match');
    expect(doc.paths['/api/announcements']!.post!.parameters.map((p) => p.name)).toContain('Idempotency-Key');
  });

  it('marks admin routes with 403 and the health probe as public', async () => {
    const doc = await fetchDoc();
    expect(doc.paths['/api/tokens']!.post!.responses).toHaveProperty('403');
    expect(doc.paths['/api/announcements']!.post!.responses).not.toHaveProperty('403');
    expect(doc.paths['/api/health']!.get!.security).toEqual([]);
  });
});

describe('the served document, written at build time', () => {
  it('is what the routes and their schemas give today (else run npx tsx infra/bundle/write-openapi.ts)', () => {
    expect(readFileSync(OPENAPI_FILE, 'utf8')).toBe(openApiText());
  });
});

describe('path templates', () => {
  it('match one segment per parameter and nothing else', () => {
    const re = patternOf('/api/announcements/{id}/history');
    expect(re.exec('/api/announcements/abc/history')?.groups).toEqual({ id: 'abc' });
    expect(re.test('/api/announcements/a/b/history')).toBe(false);
    expect(re.test('/api/announcements//history')).toBe(false);
    expect(patternOf('/api/openapi.json').test('/api/openapiXjson')).toBe(false);
  });
});
