import { z } from 'zod';
import {
  AnnouncementInput,
  LanguageTag,
  OffsetDateTime,
  TagName,
  etagOf,
  type Announcement,
} from '../../shared/domain/announcement';
import { parseOrThrow } from '../../shared/domain/validation';
import { header, jsonBody } from '../../shared/http/request';
import { json } from '../../shared/http/responses';
import { uuidParam, who, type Route, type RouteContext } from './route-types';
import { feedRoutes } from './feed-routes';
import { tokenRoutes } from './token-routes';

/** The list's query string; an unknown or malformed parameter is a 400 that names it. */
const ListQuery = z
  .strictObject({
    limit: z.coerce.number().int().min(1).max(100).default(20),
    cursor: z.string().max(2000).optional(),
    status: z.enum(['draft', 'scheduled', 'published', 'retracted']).optional(),
    tag: TagName.optional(),
    language: LanguageTag.optional(),
    /** Inclusive bounds on the creation time. */
    from: OffsetDateTime.optional(),
    to: OffsetDateTime.optional(),
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, { path: ['to'], message: 'must not be before from' });

/** Idempotency-Key: what Stripe and the IETF draft allow, 1 to 255 visible ASCII characters. */
const IdempotencyKey = z.string().regex(/^[\x21-\x7e]{1,255}$/, 'must be 1 to 255 visible ASCII characters');

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
    pattern: /^\/api\/announcements$/,
    async handle(ctx) {
      const { limit, cursor, ...filter } = parseOrThrow(ListQuery, ctx.event.queryStringParameters ?? {}, 'query');
      const page = await ctx.announcements.list({ limit, cursor, filter });
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
    method: 'GET',
    pattern: /^\/api\/announcements\/(?<id>[^/]+)\/history$/,
    async handle(ctx) {
      return json(200, { items: await ctx.announcements.history(idOf(ctx)) });
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
export const routes: Route[] = [...announcementRoutes, ...tokenRoutes, ...feedRoutes];
