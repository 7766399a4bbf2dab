import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { trimTrailingSlashes } from '../../shared/http/path';
import { matchRoute } from '../../shared/http/route-match';
import { errorResponse, type HttpResult } from '../../shared/http/responses';
import type { HeraldLogger } from '../../shared/logger';
import { patternOf } from '../admin/route-types';
import { IDENTITY_ROUTE_DOCS, type IdentityRouteDoc } from './route-docs';
import { identityHandlers, requireAdmin, type IdentityDeps } from './routes';

/**
 * Sign-in (passkeys, sessions) and the admin's people routes as a function of
 * an API Gateway HTTP API (payload 2.0) event, for Lambda and the local runtime.
 * The sign-in routes are public; the others need an admin (token or cookie),
 * checked by the one request authenticator (which reads the authorizer's verdict in the cloud).
 */
export function makeIdentityApp(deps: IdentityDeps & { logger: HeraldLogger }) {
  const handlers = identityHandlers(deps);
  const table = Object.entries(handlers).map(([name, handle]) => {
    const doc: IdentityRouteDoc = IDENTITY_ROUTE_DOCS[name as keyof typeof IDENTITY_ROUTE_DOCS];
    return { doc, pattern: patternOf(doc.path), handle };
  });

  return async function handle(event: APIGatewayProxyEventV2): Promise<HttpResult> {
    const requestId = event.requestContext?.requestId ?? 'local';
    const method = event.requestContext.http.method.toUpperCase();
    try {
      const path = trimTrailingSlashes(event.rawPath);
      const { route, params } = matchRoute(table, method, path, (r) => ({ method: r.doc.method, pattern: r.pattern }));
      let principal;
      if (!route.doc.public) {
        principal = (await deps.authenticator.require(event)).principal;
        requireAdmin(principal, `${method} ${route.doc.path}`);
      }
      const result = await route.handle({ event, params, ...(principal ? { principal } : {}) });
      if (method !== 'GET') deps.logger.info('identity write', { requestId, method, route: route.doc.path, status: result.statusCode, subject: principal?.subject });
      return result;
    } catch (err) {
      const response = errorResponse(err, requestId);
      if (response.statusCode >= 500) deps.logger.error('request failed', { requestId, error: err instanceof Error ? err.stack : String(err) });
      return response;
    }
  };
}

