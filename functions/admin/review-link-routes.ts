import { NotFoundError } from '../../shared/domain/errors';
import { parseOrThrow } from '../../shared/domain/validation';
import { jsonBody } from '../../shared/http/request';
import { json } from '../../shared/http/responses';
import { requestSchemas } from './lazy-schemas';
import { uuidParam, who, type AdminRoute, type RouteContext } from './route-types';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** The link id from the path; one that is not a UUID cannot exist. */
function linkIdOf(ctx: RouteContext): string {
  const id = ctx.params.linkId ?? '';
  if (!UUID.test(id)) throw new NotFoundError(`no review link with id ${id.slice(0, 64)}`);
  return id;
}

/** The body is optional: no body at all means every default. */
const inputOf = async (ctx: RouteContext) => parseOrThrow((await requestSchemas()).ReviewLinkInput, ctx.event.body ? jsonBody(ctx.event) : {});

/** Review links of an announcement: any editor or admin may make, list and revoke them. */
export const reviewLinkRoutes: AdminRoute[] = [
  {
    method: 'POST',
    path: '/api/announcements/{id}/review-links',
    doc: {
      summary: 'Make a review link: anyone with its URL sees the draft as its page will be, until it expires or is revoked',
      body: 'ReviewLinkInput',
      bodyOptional: true,
      responses: { 201: '{ id, url, expiresAt }; the URL (its token) is shown this once', 400: 'bad expiresInHours', 404: 'no such announcement', 409: 'the announcement is retracted' },
    },
    async handle(ctx) {
      const input = await inputOf(ctx);
      const id = uuidParam(ctx, 'announcement');
      const issued = await ctx.reviewLinks.create(id, input, who(ctx));
      return json(201, issued, { location: `${ctx.apiBase}/announcements/${id}/review-links/${issued.id}` });
    },
  },
  {
    method: 'GET',
    path: '/api/announcements/{id}/review-links',
    doc: {
      summary: 'The links of an announcement that have not expired, newest first, without their tokens',
      responses: { 200: '{ items: [{ id, announcementId, createdBy, createdAt, expiresAt }] }', 404: 'no such announcement' },
    },
    async handle(ctx) {
      return json(200, { items: await ctx.reviewLinks.list(uuidParam(ctx, 'announcement')) });
    },
  },
  {
    method: 'DELETE',
    path: '/api/announcements/{id}/review-links/{linkId}',
    doc: { summary: 'Revoke a review link: its URL answers 404 from the next request', responses: { 204: 'revoked', 404: 'no such announcement or link' } },
    async handle(ctx) {
      await ctx.reviewLinks.revoke(uuidParam(ctx, 'announcement'), linkIdOf(ctx));
      return { statusCode: 204, headers: { 'cache-control': 'no-store' }, body: '' };
    },
  },
];
