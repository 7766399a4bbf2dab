import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { ForbiddenError } from '../../shared/domain/errors';
import { trimTrailingSlashes } from '../../shared/http/path';
import { matchRoute } from '../../shared/http/route-match';
import { errorResponse, type HttpResult } from '../../shared/http/responses';
import type { AnnouncementService } from '../../shared/services/announcement-service';
import type { ImportService } from '../../shared/services/import-service';
import type { RebuildService } from '../../shared/services/rebuild-service';
import type { ReviewLinkService } from '../../shared/services/review-link-service';
import type { TokenService } from '../../shared/services/token-service';
import { makeRequestAuthenticator, type RequestAuthenticator } from '../../shared/services/request-authenticator';
import type { TokenVerifier } from '../../shared/services/token-verifier';
import type { HeraldLogger } from '../../shared/logger';
import { patternOf, type AdminRoute } from './route-types';
import { routes } from './routes';

/**
 * The admin API as a function of an API Gateway HTTP API (payload 2.0) event.
 * The same function serves Lambda and the local runtime.
 */
export function makeAdminApp(deps: {
  announcements: AnnouncementService;
  tokens: TokenService;
  rebuilds: RebuildService;
  reviewLinks: ReviewLinkService;
  imports?: ImportService;
  verify: TokenVerifier;
  /** Token or session cookie (with the CSRF rule); without it, bearer tokens only. */
  authenticator?: RequestAuthenticator;
  logger: HeraldLogger;
}) {
  const authenticator = deps.authenticator ?? makeRequestAuthenticator({ verifyToken: deps.verify, siteUrl: undefined });
  return async function handle(event: APIGatewayProxyEventV2): Promise<HttpResult> {
    const requestId = event.requestContext?.requestId ?? 'local';
    const method = event.requestContext.http.method.toUpperCase();
    // A HEAD answer carries the headers of the GET it mirrors, never a body.
    const headOnly = (r: HttpResult): HttpResult => (method === 'HEAD' ? { ...r, body: '' } : r);
    try {
      const path = trimTrailingSlashes(event.rawPath) || '/';
      const { route, params } = matchRoute(routes, method === 'HEAD' ? 'GET' : method, path, (r) => ({ method: r.method, pattern: patternOf(r.path) }));
      const principal = route.public ? undefined : (await authenticator.require(event)).principal;
      if (route.role === 'admin' && principal?.role !== 'admin') {
        throw new ForbiddenError(`${method} ${path.slice(0, 200)} needs an admin`);
      }
      const result = await route.handle({
        event,
        params,
        principal,
        announcements: deps.announcements,
        tokens: deps.tokens,
        rebuilds: deps.rebuilds,
        reviewLinks: deps.reviewLinks,
        imports: deps.imports,
        apiBase: '/api',
      });
      if (method !== 'GET' && method !== 'HEAD') {
        deps.logger.info('admin write', {
          requestId,
          method,
          route: route.path,
          status: result.statusCode,
          subject: principal?.subject,
          announcementId: params.id ?? idIn(result.body),
        });
      }
      return headOnly(result);
    } catch (err) {
      const response = errorResponse(err, requestId);
      if (response.statusCode >= 500) {
        deps.logger.error('request failed', { requestId, error: err instanceof Error ? err.stack : String(err) });
      }
      return headOnly(response);
    }
  };
}



/** The id of the announcement (or token) a write answered with, for the log line. */
function idIn(body: string | undefined): string | undefined {
  try {
    const id = (JSON.parse(body ?? '{}') as { id?: unknown }).id;
    return typeof id === 'string' ? id : undefined;
  } catch {
    return undefined;
  }
}
