import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { z } from 'zod';
import { AnnouncementInput, etagOf, type Announcement } from '../../shared/domain/announcement';
import { NotFoundError, UnauthorizedError } from '../../shared/domain/errors';
import { parseOrThrow } from '../../shared/domain/validation';
import { header, jsonBody } from '../../shared/http/request';
import { json, type HttpResult } from '../../shared/http/responses';
import type { AnnouncementService } from '../../shared/services/announcement-service';
import type { Principal } from '../../shared/services/token-verifier';

/** What each route handler gets: the event, the caller, the services. */
export type RouteContext = {
  event: APIGatewayProxyEventV2;
  params: Record<string, string>;
  principal?: Principal;
  announcements: AnnouncementService;
  /** Where the API is mounted, for Location headers. */
  apiBase: string;
};

export type Route = {
  method: string;
  pattern: RegExp;
  /** Routes are authenticated unless they say otherwise. */
  public?: boolean;
  handle(ctx: RouteContext): Promise<HttpResult>;
};

const ListQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z.string().max(2000).optional(),
});

const who = (ctx: RouteContext): Principal => {
  if (!ctx.principal) throw new UnauthorizedError();
  return ctx.principal;
};
const withEtag = (a: Announcement) => ({ etag: etagOf(a) });

/** The admin API's routes; paths are matched against the raw path. */
export const routes: Route[] = [
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

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** An id that is not a UUID cannot exist, so it is a 404 rather than a 400. */
function idOf(ctx: RouteContext): string {
  const id = ctx.params.id ?? '';
  if (!UUID.test(id)) throw new NotFoundError(`no announcement with id ${id.slice(0, 64)}`);
  return id;
}
