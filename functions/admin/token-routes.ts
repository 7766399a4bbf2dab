import { TokenInput } from '../../shared/domain/token';
import { parseOrThrow } from '../../shared/domain/validation';
import { jsonBody } from '../../shared/http/request';
import { json } from '../../shared/http/responses';
import { uuidParam, who, type Route } from './route-types';

/** Token management: admins only. The secret appears in the POST answer and nowhere else. */
export const tokenRoutes: Route[] = [
  {
    method: 'POST',
    pattern: /^\/api\/tokens$/,
    role: 'admin',
    async handle(ctx) {
      const input = parseOrThrow(TokenInput, jsonBody(ctx.event));
      const issued = await ctx.tokens.issue(input, who(ctx));
      return json(201, issued, { location: `${ctx.apiBase}/tokens/${issued.id}` });
    },
  },
  {
    method: 'GET',
    pattern: /^\/api\/tokens$/,
    role: 'admin',
    async handle(ctx) {
      return json(200, { items: await ctx.tokens.list() });
    },
  },
  {
    method: 'DELETE',
    pattern: /^\/api\/tokens\/(?<id>[^/]+)$/,
    role: 'admin',
    async handle(ctx) {
      return json(200, await ctx.tokens.revoke(uuidParam(ctx, 'token')));
    },
  },
];
