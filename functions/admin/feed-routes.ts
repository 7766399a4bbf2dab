import { json } from '../../shared/http/responses';
import { uuidParam, who, type AdminRoute } from './route-types';

/**
 * Feed maintenance: admins only. The admin function has no bucket access, so
 * a rebuild is recorded here and run by the publisher (woken by the stream);
 * the 202 names where to read its report.
 */
export const feedRoutes: AdminRoute[] = [
  {
    method: 'POST',
    path: '/api/feeds/rebuild',
    doc: { summary: 'Re-render every feed (run by the publisher)', responses: { 202: 'the pending request; Location names where to read its report' } },
    role: 'admin',
    async handle(ctx) {
      const request = await ctx.rebuilds.request(who(ctx));
      return json(202, request, { location: `${ctx.apiBase}/feeds/rebuilds/${request.id}` });
    },
  },
  {
    method: 'GET',
    path: '/api/feeds/rebuilds/{id}',
    doc: { summary: 'A rebuild request: its progress while it runs, its report once done', responses: { 200: '{ status, progress?, report?, totals? }', 404: 'no such rebuild' } },
    role: 'admin',
    async handle(ctx) {
      return json(200, await ctx.rebuilds.get(uuidParam(ctx, 'rebuild')));
    },
  },
];
