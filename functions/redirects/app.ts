import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { ForbiddenError } from '../../shared/domain/errors';
import { parseOrThrow } from '../../shared/domain/validation';
import { trimTrailingSlashes } from '../../shared/http/path';
import { jsonBody } from '../../shared/http/request';
import { errorResponse, json, type HttpResult } from '../../shared/http/responses';
import { matchRoute } from '../../shared/http/route-match';
import type { HeraldLogger } from '../../shared/logger';
import { PutRedirects, RedirectDeleteQuery, RedirectListQuery } from '../../shared/redirects/redirect';
import type { RedirectService } from '../../shared/redirects/redirect-service';
import type { RequestAuthenticator } from '../../shared/services/request-authenticator';
import { patternOf } from '../admin/route-types';
import { REDIRECT_ROUTE_DOCS } from './route-docs';

const NO_STORE = { 'cache-control': 'no-store' };

/**
 * The redirect routes (admins only) as a function of an API Gateway v2 event,
 * for Lambda and the local runtime alike. Every input is checked before
 * anything is stored: a bad pair is a 400 naming it and nothing is written.
 */
export function makeRedirectsApp(deps: { redirects: RedirectService; authenticator: RequestAuthenticator; logger: HeraldLogger }) {
  const handlers: Record<keyof typeof REDIRECT_ROUTE_DOCS, (event: APIGatewayProxyEventV2) => Promise<HttpResult>> = {
    putRedirects: async (event) => {
      const { saved, changed } = await deps.redirects.save(parseOrThrow(PutRedirects, jsonBody(event)));
      deps.logger.info('redirects saved', { saved, changed });
      return json(200, { saved }, NO_STORE);
    },
    listRedirects: async (event) => {
      const { limit, cursor } = parseOrThrow(RedirectListQuery, event.queryStringParameters ?? {}, 'query');
      return json(200, await deps.redirects.list({ limit, ...(cursor ? { cursor } : {}) }), NO_STORE);
    },
    deleteRedirect: async (event) => {
      const { from } = parseOrThrow(RedirectDeleteQuery, event.queryStringParameters ?? {}, 'query');
      await deps.redirects.remove(from);
      return { statusCode: 204, headers: NO_STORE, body: '' };
    },
  };
  const table = Object.entries(handlers).map(([name, handle]) => {
    const doc = REDIRECT_ROUTE_DOCS[name as keyof typeof REDIRECT_ROUTE_DOCS];
    return { doc, pattern: patternOf(doc.path), handle };
  });
  return async function handle(event: APIGatewayProxyEventV2): Promise<HttpResult> {
    const requestId = event.requestContext?.requestId ?? 'local';
    const method = event.requestContext.http.method.toUpperCase();
    try {
      const { route } = matchRoute(table, method, trimTrailingSlashes(event.rawPath), (r) => ({ method: r.doc.method, pattern: r.pattern }));
      const { principal } = await deps.authenticator.require(event);
      if (principal.role !== 'admin') throw new ForbiddenError(`${method} ${route.doc.path} needs an admin`);
      const result = await route.handle(event);
      if (method !== 'GET') deps.logger.info('redirects write', { requestId, method, status: result.statusCode, subject: principal.subject });
      return result;
    } catch (err) {
      const response = errorResponse(err, requestId);
      if (response.statusCode >= 500) deps.logger.error('request failed', { requestId, error: err instanceof Error ? err.stack : String(err) });
      return response;
    }
  };
}
