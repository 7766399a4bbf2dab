import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { AnnouncementInput } from '../../shared/domain/announcement';
import { parseOrThrow } from '../../shared/domain/validation';
import { trimTrailingSlashes } from '../../shared/http/path';
import { matchRoute } from '../../shared/http/route-match';
import { jsonBody } from '../../shared/http/request';
import { errorResponse, json, type HttpResult } from '../../shared/http/responses';
import type { HeraldLogger } from '../../shared/logger';
import type { Principal } from '../../shared/principal';
import type { PreviewService } from '../../shared/services/preview-service';
import type { TagService } from '../../shared/services/tag-service';
import type { RequestAuthenticator } from '../../shared/services/request-authenticator';
import { patternOf } from '../admin/route-types';
import { EDITOR_ROUTE_DOCS, PreviewQuery } from './editor-route-docs';

type Handle = (event: APIGatewayProxyEventV2, principal: Principal) => Promise<HttpResult>;

/**
 * The editor helpers, `POST /api/preview` and `GET /api/tags`, for editors and
 * admins. They live in the review function, which already renders pages, so
 * the admin function's cold start carries no page renderer. In the cloud the
 * authorizer has checked the token or session cookie and its verdict is in the
 * request context; locally the authenticator checks them (CSRF rule included).
 */
export function makeEditorApp(deps: { preview: PreviewService; tags: TagService; authenticator: RequestAuthenticator; logger: HeraldLogger }) {
  const routes: Record<keyof typeof EDITOR_ROUTE_DOCS, Handle> = {
    preview: async (event, principal) => {
      const { id } = parseOrThrow(PreviewQuery, event.queryStringParameters ?? {}, 'query');
      return json(200, await deps.preview(parseOrThrow(AnnouncementInput, jsonBody(event)), principal, id));
    },
    tags: async () => json(200, { items: await deps.tags() }),
  };
  const table = Object.entries(routes).map(([name, handle]) => {
    const { method, path } = EDITOR_ROUTE_DOCS[name as keyof typeof EDITOR_ROUTE_DOCS];
    return { method, pattern: patternOf(path), handle };
  });

  return async function handle(event: APIGatewayProxyEventV2): Promise<HttpResult> {
    const requestId = event.requestContext?.requestId ?? 'local';
    const method = event.requestContext.http.method.toUpperCase();
    try {
      const { route } = matchRoute(table, method, trimTrailingSlashes(event.rawPath), (r) => r);
      return await route.handle(event, (await deps.authenticator.require(event)).principal);
    } catch (err) {
      const response = errorResponse(err, requestId);
      if (response.statusCode >= 500) deps.logger.error('request failed', { requestId, error: err instanceof Error ? err.stack : String(err) });
      return response;
    }
  };
}
