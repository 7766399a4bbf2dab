import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import type { HeraldConfig } from '../../shared/config';
import { json, type HttpResult } from '../../shared/http/responses';
import type { FunctionDeclaration } from '../function-declaration';
import type { LocalContext, LocalFactory, LocalHandlers } from './local-functions';
import { matchRoute, type LocalRoute } from './plan';

const NEEDS = { http: 'http', stream: 'stream', schedule: 'schedule', queue: 'queue' } as const;

/**
 * Calls each declared function's local factory once with the one configuration,
 * and checks that it supplies a handler for every kind of trigger declared (an
 * authorizer is not run locally: see local-functions.ts).
 */
export function wireLocalFunctions(
  functions: readonly FunctionDeclaration[],
  factories: Readonly<Record<string, LocalFactory>>,
  config: HeraldConfig,
  local: LocalContext = { send: () => Promise.reject(new Error('no local queues')) },
): Map<string, LocalHandlers> {
  const wired = new Map<string, LocalHandlers>();
  for (const decl of functions) {
    const factory = factories[decl.name];
    if (!factory) throw new Error(`function ${decl.name} has no local wiring in infra/local/local-functions.ts`);
    const handlers = factory(config, local);
    for (const t of decl.triggers) {
      if (t.kind !== 'authorizer' && handlers[NEEDS[t.kind]] === undefined) {
        throw new Error(`function ${decl.name} declares a ${t.kind} trigger but its local wiring has no ${t.kind} handler`);
      }
    }
    wired.set(decl.name, handlers);
  }
  return wired;
}

/** The local API Gateway: picks the declared route for the request and calls its function. */
export function apiDispatcher(routes: readonly LocalRoute[], wired: ReadonlyMap<string, LocalHandlers>) {
  return (event: APIGatewayProxyEventV2): Promise<HttpResult> => {
    const { method, path } = event.requestContext.http;
    const route = matchRoute(routes, method, path);
    const handler = route && wired.get(route.fn)?.http;
    if (!route || !handler) return Promise.resolve(json(404, { error: 'not_found', message: `no route for ${method} ${path}` }));
    return handler({ ...event, routeKey: `${route.method} ${route.path}`, requestContext: { ...event.requestContext, routeKey: `${route.method} ${route.path}` } });
  };
}
