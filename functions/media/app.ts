import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { NotFoundError } from '../../shared/domain/errors';
import { MediaRequest } from '../../shared/domain/media';
import { MediaFetchRequest } from '../../shared/domain/media-fetch';
import { parseOrThrow } from '../../shared/domain/validation';
import { trimTrailingSlashes } from '../../shared/http/path';
import { matchRoute } from '../../shared/http/route-match';
import { jsonBody } from '../../shared/http/request';
import { errorResponse, json, type HttpResult } from '../../shared/http/responses';
import type { HeraldLogger } from '../../shared/logger';
import type { Principal } from '../../shared/principal';
import type { MediaFetchService } from '../../shared/services/media-fetch-service';
import type { MediaService } from '../../shared/services/media-service';
import { makeRequestAuthenticator, type RequestAuthenticator } from '../../shared/services/request-authenticator';
import type { TokenVerifier } from '../../shared/services/token-verifier';
import { MEDIA_ROUTE_DOCS, MediaListQuery } from './route-docs';

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
type Handle = (event: APIGatewayProxyEventV2, principal: Principal, id: string) => Promise<HttpResult>;

/**
 * The media routes as a function of an API Gateway HTTP API (payload 2.0)
 * event, for Lambda and the local runtime alike. Editors and admins may use
 * every route. In the cloud the authorizer has checked the token and its
 * verdict is in the request context; locally `verify` checks it.
 */
export function makeMediaApp(deps: { media: MediaService; mediaFetch: MediaFetchService; verify: TokenVerifier; authenticator?: RequestAuthenticator; logger: HeraldLogger }) {
  const authenticator = deps.authenticator ?? makeRequestAuthenticator({ verifyToken: deps.verify, siteUrl: undefined });
  const routes: Record<keyof typeof MEDIA_ROUTE_DOCS, Handle> = {
    create: async (event, principal) => {
      const created = await deps.media.create(parseOrThrow(MediaRequest, jsonBody(event)), principal);
      return json(201, created, { location: `/api/media/${created.id}` });
    },
    list: async (event) => {
      const { limit, cursor } = parseOrThrow(MediaListQuery, event.queryStringParameters ?? {}, 'query');
      return json(200, await deps.media.list({ limit, ...(cursor ? { cursor } : {}) }));
    },
    complete: async (_e, _p, id) => json(200, await deps.media.complete(id)),
    fetch: async (event, principal) => {
      const fetched = await deps.mediaFetch.fetch(parseOrThrow(MediaFetchRequest, jsonBody(event)), principal);
      return json(201, fetched, { location: `/api/media/${fetched.id}` });
    },
    remove: async (_e, _p, id) => {
      await deps.media.remove(id);
      return { statusCode: 204, headers: { 'cache-control': 'no-store' }, body: '' };
    },
  };
  // The documented routes are the served ones: method and path template come from MEDIA_ROUTE_DOCS.
  const table = Object.entries(routes).map(([name, handle]) => {
    const { method, path } = MEDIA_ROUTE_DOCS[name as keyof typeof MEDIA_ROUTE_DOCS];
    return { method, pattern: new RegExp(`^${path.replace('{id}', '(?<id>[^/]+)')}$`), handle };
  });

  return async function handle(event: APIGatewayProxyEventV2): Promise<HttpResult> {
    const requestId = event.requestContext?.requestId ?? 'local';
    const method = event.requestContext.http.method.toUpperCase();
    try {
      const path = trimTrailingSlashes(event.rawPath);
      const { route, params } = matchRoute(table, method, path, (r) => r);
      const { principal } = await authenticator.require(event);
      const id = params.id ?? '';
      if (route.pattern.source.includes('<id>') && !new RegExp(`^${UUID}$`).test(id)) throw new NotFoundError(`no media with id ${id.slice(0, 64)}`);
      const result = await route.handle(event, principal, id);
      if (method !== 'GET') deps.logger.info('media write', { requestId, method, path, status: result.statusCode, subject: principal.subject });
      return result;
    } catch (err) {
      const response = errorResponse(err, requestId);
      if (response.statusCode >= 500) deps.logger.error('request failed', { requestId, error: err instanceof Error ? err.stack : String(err) });
      return response;
    }
  };
}
