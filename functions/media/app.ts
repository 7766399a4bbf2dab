import { MediaRequest } from '../../shared/domain/media';
import { MediaFetchRequest } from '../../shared/domain/media-fetch';
import { parseOrThrow } from '../../shared/domain/validation';
import { makeHttpApp, pathParam, who, type AppRequest } from '../../shared/http/http-app';
import { jsonBody } from '../../shared/http/request';
import { json, type HttpResult } from '../../shared/http/responses';
import type { HeraldLogger } from '../../shared/logger';
import type { MediaFetchService } from '../../shared/services/media-fetch-service';
import type { MediaService } from '../../shared/services/media-service';
import { makeRequestAuthenticator, type RequestAuthenticator } from '../../shared/services/request-authenticator';
import type { TokenVerifier } from '../../shared/services/token-verifier';
import { MEDIA_ROUTE_DOCS, MediaListQuery } from './route-docs';

/**
 * The media routes as a function of an API Gateway HTTP API (payload 2.0)
 * event, for Lambda and the local runtime alike. Editors and admins may use
 * every route. In the cloud the authorizer has checked the token and its
 * verdict is in the request context; locally `verify` checks it.
 */
export function makeMediaApp(deps: { media: MediaService; mediaFetch: MediaFetchService; verify: TokenVerifier; authenticator?: RequestAuthenticator; logger: HeraldLogger }) {
  const authenticator = deps.authenticator ?? makeRequestAuthenticator({ verifyToken: deps.verify, siteUrl: undefined });
  const handlers: Record<keyof typeof MEDIA_ROUTE_DOCS, (req: AppRequest) => Promise<HttpResult>> = {
    create: async (req) => {
      const created = await deps.media.create(parseOrThrow(MediaRequest, jsonBody(req.event)), who(req));
      return json(201, created, { location: `/api/media/${created.id}` });
    },
    list: async ({ event }) => {
      const { limit, cursor } = parseOrThrow(MediaListQuery, event.queryStringParameters ?? {}, 'query');
      return json(200, await deps.media.list({ limit, ...(cursor ? { cursor } : {}) }));
    },
    complete: async (req) => json(200, await deps.media.complete(pathParam(req, 'id', 'media'))),
    fetch: async (req) => {
      const fetched = await deps.mediaFetch.fetch(parseOrThrow(MediaFetchRequest, jsonBody(req.event)), who(req));
      return json(201, fetched, { location: `/api/media/${fetched.id}` });
    },
    remove: async (req) => {
      await deps.media.remove(pathParam(req, 'id', 'media'));
      return { statusCode: 204, headers: { 'cache-control': 'no-store' }, body: '' };
    },
  };
  // The documented routes are the served ones: method and path template come from MEDIA_ROUTE_DOCS.
  const routes = Object.entries(handlers).map(([name, handle]) => ({ ...MEDIA_ROUTE_DOCS[name as keyof typeof MEDIA_ROUTE_DOCS], handle }));
  return makeHttpApp({ label: 'media', routes, authenticator, logger: deps.logger });
}
