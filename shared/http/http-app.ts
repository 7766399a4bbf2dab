import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { ForbiddenError, NotFoundError, UnauthorizedError } from '../domain/errors';
import type { HeraldLogger } from '../logger';
import type { Role } from '../ports/token-store';
import type { Principal } from '../principal';
import type { RequestAuthenticator } from '../services/request-authenticator';
import { trimTrailingSlashes } from './path';
import { errorResponse, type HttpResult } from './responses';
import { matchRoute, patternOf } from './route-match';

/** What a route's handler gets: the event, its path parameters and the caller (absent only on public routes). */
export type AppRequest = { event: APIGatewayProxyEventV2; params: Record<string, string>; principal?: Principal };

/** One served route: the documented method and path template, who may call it, what it does. */
export type AppRoute = {
  method: string;
  /** The path template, `{name}` for a parameter: both the matcher and the documented path. */
  path: string;
  /** Served without a token or cookie. */
  public?: boolean;
  /** The role a caller must have; any signed-in caller when absent. */
  role?: Role;
  handle(req: AppRequest): Promise<HttpResult>;
};

/**
 * The request skeleton every Herald HTTP function shares, so each app holds
 * only its routes: match the documented route (404, or 405 with Allow),
 * authenticate unless the route is public (401), check its role (403), run
 * it, log each write with who made it, and map every error to its status and
 * JSON body with no stack trace (a 5xx is logged with one).
 */
export function makeHttpApp(deps: {
  /** Names the write log line, `<label> write`. */
  label: string;
  routes: readonly AppRoute[];
  authenticator: RequestAuthenticator;
  logger: HeraldLogger;
  /** HEAD is answered as GET without its body. */
  headAsGet?: boolean;
  /** Which requests are logged as writes; every method but GET and HEAD when absent. */
  logsWrite?: (method: string) => boolean;
  /** More fields for the write log line. */
  writeFields?: (req: AppRequest, result: HttpResult) => Record<string, unknown>;
}) {
  const table = deps.routes.map((route) => ({ route, pattern: patternOf(route.path) }));
  const logsWrite = deps.logsWrite ?? ((method: string) => method !== 'GET' && method !== 'HEAD');
  return async function handle(event: APIGatewayProxyEventV2): Promise<HttpResult> {
    const requestId = event.requestContext?.requestId ?? 'local';
    const method = event.requestContext.http.method.toUpperCase();
    const head = deps.headAsGet === true && method === 'HEAD';
    // A HEAD answer carries the headers of the GET it mirrors, never a body.
    const bodyless = (r: HttpResult): HttpResult => (head ? { ...r, body: '' } : r);
    try {
      const path = trimTrailingSlashes(event.rawPath) || '/';
      const { route: found, params } = matchRoute(table, head ? 'GET' : method, path, (r) => ({ method: r.route.method, pattern: r.pattern }));
      const { route } = found;
      const principal = route.public ? undefined : (await deps.authenticator.require(event)).principal;
      if (route.role === 'admin' && principal?.role !== 'admin') throw new ForbiddenError(`${method} ${route.path} needs an admin`);
      const req: AppRequest = { event, params, ...(principal ? { principal } : {}) };
      const result = await route.handle(req);
      if (logsWrite(method)) {
        deps.logger.info(`${deps.label} write`, { requestId, method, route: route.path, status: result.statusCode, subject: principal?.subject, ...deps.writeFields?.(req, result) });
      }
      return bodyless(result);
    } catch (err) {
      const response = errorResponse(err, requestId);
      if (response.statusCode >= 500) deps.logger.error('request failed', { requestId, error: err instanceof Error ? err.stack : String(err) });
      return bodyless(response);
    }
  };
}

/** The signed-in caller; the app has authenticated it before any non-public route runs. */
export function who(req: { principal?: Principal }): Principal {
  if (!req.principal) throw new UnauthorizedError();
  return req.principal;
}

/** Every id Herald mints for announcements, media, webhooks, tokens. */
export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** A path parameter that cannot name anything is a 404, not a 400: nothing with that id can exist. */
export function pathParam(req: { params: Record<string, string> }, name: string, what: string, shape: RegExp = UUID): string {
  const value = req.params[name] ?? '';
  if (!shape.test(value)) throw new NotFoundError(`no ${what} with id ${value.slice(0, 64)}`);
  return value;
}
