import { z } from 'zod';
import { AnnouncementInput, etagOf, type Announcement } from '../../shared/domain/announcement';
import { parseOrThrow } from '../../shared/domain/validation';
import { header, jsonBody } from '../../shared/http/request';
import { json } from '../../shared/http/responses';
import { uuidParam, who, type Route, type RouteContext } from './route-types';
import { tokenRoutes } from './token-routes';

const ListQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z.string().max(2000).optional(),
});

const withEtag = (a: Announcement) => ({ etag: etagOf(a) });

/** The admin API's routes; paths are matched against the raw path. */
const announcementRoutes: Route[] = [
  {
    method: 'GET',
    pattern: /^\/api\/health$/,
    public: true,
    handle: async () => json(200, { status: 'ok' }),
  },
  {
    method: 'POST',
    pattern: /^\/api\/announcements$/,
    async handle(ctx) {
      const input = parseOrThrow(AnnouncementInput, jsonBody(ctx.event));
      const created = await ctx.announcements.create(input, who(ctx));
      return json(201, created, { ...withEtag(created), location: `${ctx.apiBase}/announcements/${created.id}` });
    },
  },
  {
    method: 'GET',
    pattern: /^\/api\/announcements$/,
    async handle(ctx) {
      const query = parseOrThrow(ListQuery, ctx.event.queryStringParameters ?? {}, 'query');
      const page = await ctx.announcements.list(query);
      return json(200, { items: page.items, ...(page.cursor ? { cursor: page.cursor } : {}) });
    },
  },
  {
    method: 'GET',
    pattern: /^\/api\/announcements\/(?<id>[^/]+)$/,
    async handle(ctx) {
      const found = await ctx.announcements.get(idOf(ctx));
      return json(200, found, withEtag(found));
    },
  },
  {
    method: 'PUT',
    pattern: /^\/api\/announcements\/(?<id>[^/]+)$/,
    async handle(ctx) {
      const id = idOf(ctx);
      const input = parseOrThrow(AnnouncementInput, jsonBody(ctx.event));
      const updated = await ctx.announcements.update(id, input, header(ctx.event, 'if-match'), who(ctx));
      return json(200, updated, withEtag(updated));
    },
  },
  {
    method: 'DELETE',
    pattern: /^\/api\/announcements\/(?<id>[^/]+)$/,
    async handle(ctx) {
      const retracted = await ctx.announcements.retract(idOf(ctx), header(ctx.event, 'if-match'), who(ctx));
      return json(200, retracted, withEtag(retracted));
    },
  },
];

/** An announcement id from the path. */
const idOf = (ctx: RouteContext) => uuidParam(ctx, 'announcement');

/** Every route of the admin API. */
export const routes: Route[] = [...announcementRoutes, ...tokenRoutes];
