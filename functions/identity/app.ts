import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { MethodNotAllowedError, NotFoundError } from '../../shared/domain/errors';
import { trimTrailingSlashes } from '../../shared/http/path';
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
      const candidates = table.filter((r) => r.pattern.test(path));
      if (candidates.length === 0) throw new NotFoundError(`no route for ${path.slice(0, 200)}`);
      const route = candidates.find((r) => r.doc.method === method);
      if (!route) throw new MethodNotAllowedError(candidates.map((r) => r.doc.method));
      const params = Object.fromEntries(Object.entries(route.pattern.exec(path)?.groups ?? {}).map(([k, v]) => [k, safeDecode(v)]));
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

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw new NotFoundError('malformed path');
  }
}
