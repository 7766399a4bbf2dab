import { parseOrThrow } from '../../shared/domain/validation';
import { jsonBody } from '../../shared/http/request';
import { json } from '../../shared/http/responses';
import { requestSchemas } from './lazy-schemas';
import { uuidParam, who, type AdminRoute } from './route-types';

/** Token management: admins only. The secret appears in the POST answer and nowhere else. */
export const tokenRoutes: AdminRoute[] = [
  {
    method: 'POST',
    path: '/api/tokens',
    doc: { summary: 'Issue a token; its secret is in this answer only', body: 'TokenInput', responses: { 201: '{ id, subject, role, createdAt, createdBy, token }', 400: 'bad subject or role' } },
    role: 'admin',
    async handle(ctx) {
      const { TokenInput } = await requestSchemas();
      const input = parseOrThrow(TokenInput, jsonBody(ctx.event));
      const issued = await ctx.tokens.issue(input, who(ctx));
      return json(201, issued, { location: `${ctx.apiBase}/tokens/${issued.id}` });
    },
  },
  {
    method: 'GET',
    path: '/api/tokens',
    doc: { summary: 'Every token, newest first, without secrets or hashes', responses: { 200: '{ items }' } },
    role: 'admin',
    async handle(ctx) {
      return json(200, { items: await ctx.tokens.list() });
    },
  },
  {
    method: 'DELETE',
    path: '/api/tokens/{id}',
    doc: { summary: 'Revoke a token: it fails from the next request', responses: { 200: 'the revoked token', 404: 'no such token' } },
    role: 'admin',
    async handle(ctx) {
      return json(200, await ctx.tokens.revoke(uuidParam(ctx, 'token')));
    },
  },
];
