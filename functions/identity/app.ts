import { makeHttpApp } from '../../shared/http/http-app';
import type { HeraldLogger } from '../../shared/logger';
import { IDENTITY_ROUTE_DOCS } from './route-docs';
import { identityHandlers, type IdentityDeps } from './routes';

/**
 * Sign-in (passkeys, sessions) and the admin's people routes as a function of
 * an API Gateway HTTP API (payload 2.0) event, for Lambda and the local runtime.
 * The sign-in routes are public; the others need an admin (token or cookie),
 * checked by the one request authenticator (which reads the authorizer's verdict in the cloud).
 */
export function makeIdentityApp(deps: IdentityDeps & { logger: HeraldLogger }) {
  const handlers = identityHandlers(deps);
  const routes = Object.entries(handlers).map(([name, handle]) => ({ ...IDENTITY_ROUTE_DOCS[name as keyof typeof IDENTITY_ROUTE_DOCS], handle }));
  return makeHttpApp({ label: 'identity', routes, authenticator: deps.authenticator, logger: deps.logger });
}
