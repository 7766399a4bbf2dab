import type { Announcement } from '../../shared/domain/announcement';
import { etagOf } from '../../shared/domain/etag';
import { parseOrThrow } from '../../shared/domain/validation';
import { header, jsonBody } from '../../shared/http/request';
import { json } from '../../shared/http/responses';
import { requestSchemas } from './lazy-schemas';
import { uuidParam, who, type AdminRoute, type RouteContext } from './route-types';
import { feedRoutes } from './feed-routes';
import { reviewLinkRoutes } from './review-link-routes';
import { tokenRoutes } from './token-routes';
import { importRoutes } from './import-routes';

const IF_MATCH = {
  name: 'If-Match',
  schema: 'IfMatch',
  required: true,
  description: 'the ETag last read, e.g. "v3"',
} as const;

const withEtag = (a: Announcement) => ({ etag: etagOf(a) });

/** The admin API's routes; paths are matched against the raw path. */
const announcementRoutes: AdminRoute[] = [
  {
    method: 'GET',
    path: '/api/health',
    public: true,
    doc: { summary: 'Liveness probe', responses: { 200: 'up' } },
    handle: async () => json(200, { status: 'ok' }),
  },
  {
    method: 'POST',
    path: '/api/announcements',
    doc: {
      summary: 'Create an announcement (idempotent with Idempotency-Key)',
      body: 'AnnouncementInput',
      headers: [{ name: 'Idempotency-Key', schema: 'IdempotencyKey', required: false, description: 'retries with the same key and body return the first announcement' }],
      responses: { 201: 'created (or replayed: Idempotent-Replayed: true); Location and ETag', 400: 'invalid body or key; a media URL that names no completed upload (path such as images.0.url)', 413: 'body too large', 415: 'not JSON', 422: 'key reused with a different body' },
    },
    async handle(ctx) {
      const { AnnouncementInput, IdempotencyKey } = await requestSchemas();
      const rawKey = header(ctx.event, 'idempotency-key');
      const key = rawKey === undefined ? undefined : parseOrThrow(IdempotencyKey, rawKey, 'Idempotency-Key');
      const input = parseOrThrow(AnnouncementInput, jsonBody(ctx.event));
      const { announcement, replayed } = key
        ? await ctx.announcements.createOnce(input, who(ctx), key)
        : { announcement: await ctx.announcements.create(input, who(ctx)), replayed: false };
      return json(201, announcement, {
        ...withEtag(announcement),
        location: `${ctx.apiBase}/announcements/${announcement.id}`,
        ...(replayed ? { 'idempotent-replayed': 'true' } : {}),
      });
    },
  },
  {
    method: 'GET',
    path: '/api/announcements',
    doc: { summary: 'List announcements, newest first, with filters and a cursor', query: 'ListQuery', responses: { 200: '{ items, cursor? }', 400: 'a bad query parameter, named' } },
    async handle(ctx) {
      const { ListQuery } = await requestSchemas();
      const { limit, cursor, ...filter } = parseOrThrow(ListQuery, ctx.event.queryStringParameters ?? {}, 'query');
      const page = await ctx.announcements.list({ limit, cursor, filter });
      return json(200, { items: page.items, ...(page.cursor ? { cursor: page.cursor } : {}) });
    },
  },
  {
    method: 'GET',
    path: '/api/announcements/{id}',
    doc: { summary: 'One announcement, with its ETag', responses: { 200: 'the announcement', 404: 'no such announcement' } },
    async handle(ctx) {
      const found = await ctx.announcements.get(idOf(ctx));
      return json(200, found, withEtag(found));
    },
  },
  {
    method: 'GET',
    path: '/api/announcements/{id}/history',
    doc: { summary: 'Every recorded change, newest first', responses: { 200: '{ items: [{ version, action, by, at, changed }] }', 404: 'no such announcement' } },
    async handle(ctx) {
      return json(200, { items: await ctx.announcements.history(idOf(ctx)) });
    },
  },
  {
    method: 'PUT',
    path: '/api/announcements/{id}',
    doc: {
      summary: 'Replace an announcement',
      body: 'AnnouncementInput',
      headers: [IF_MATCH],
      responses: { 200: 'the new version, with its ETag', 400: 'invalid body; a media URL that names no completed upload (path such as images.0.url)', 404: 'no such announcement', 412: 'stale If-Match; body has currentVersion', 428: 'If-Match missing' },
    },
    async handle(ctx) {
      const id = idOf(ctx);
      const { AnnouncementInput } = await requestSchemas();
      const input = parseOrThrow(AnnouncementInput, jsonBody(ctx.event));
      const updated = await ctx.announcements.update(id, input, header(ctx.event, 'if-match'), who(ctx));
      return json(200, updated, withEtag(updated));
    },
  },
  {
    method: 'DELETE',
    path: '/api/announcements/{id}',
    doc: {
      summary: 'Retract an announcement: it leaves every feed',
      headers: [IF_MATCH],
      responses: { 200: 'the retracted version', 404: 'no such announcement', 412: 'stale If-Match', 428: 'If-Match missing' },
    },
    async handle(ctx) {
      const retracted = await ctx.announcements.retract(idOf(ctx), header(ctx.event, 'if-match'), who(ctx));
      return json(200, retracted, withEtag(retracted));
    },
  },
];

/** An announcement id from the path. */
const idOf = (ctx: RouteContext) => uuidParam(ctx, 'announcement');

/**
 * The API's own description, generated from the routes and their schemas at
 * build time (functions/admin/openapi.ts), with the routes the media,
 * identity, editor-helper, webhooks and redirects functions serve.
 */
const openApiRoute: AdminRoute = {
  method: 'GET',
  path: '/api/openapi.json',
  doc: { summary: 'This OpenAPI 3.1 document', responses: { 200: 'the document' } },
  // Loaded on the first request for it: the 60 KB object literal is then not evaluated at every cold start.
  handle: async () => json(200, (await import('./openapi.json', { with: { type: 'json' } })).default),
};

/** Every route of the admin API. */
export const routes: AdminRoute[] = [...announcementRoutes, ...reviewLinkRoutes, ...tokenRoutes, ...feedRoutes, ...importRoutes, openApiRoute];
