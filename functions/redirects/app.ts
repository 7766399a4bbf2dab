import { parseOrThrow } from '../../shared/domain/validation';
import { makeHttpApp, type AppRequest } from '../../shared/http/http-app';
import { jsonBody } from '../../shared/http/request';
import { json, type HttpResult } from '../../shared/http/responses';
import type { HeraldLogger } from '../../shared/logger';
import { PutRedirects, RedirectDeleteQuery, RedirectListQuery } from '../../shared/redirects/redirect';
import type { RedirectService } from '../../shared/redirects/redirect-service';
import type { RequestAuthenticator } from '../../shared/services/request-authenticator';
import { REDIRECT_ROUTE_DOCS } from './route-docs';

const NO_STORE = { 'cache-control': 'no-store' };

/**
 * The redirect routes (admins only) as a function of an API Gateway v2 event,
 * for Lambda and the local runtime alike. Every input is checked before
 * anything is stored: a bad pair is a 400 naming it and nothing is written.
 */
export function makeRedirectsApp(deps: { redirects: RedirectService; authenticator: RequestAuthenticator; logger: HeraldLogger }) {
  const handlers: Record<keyof typeof REDIRECT_ROUTE_DOCS, (req: AppRequest) => Promise<HttpResult>> = {
    putRedirects: async ({ event }) => {
      const { saved, changed } = await deps.redirects.save(parseOrThrow(PutRedirects, jsonBody(event)));
      deps.logger.info('redirects saved', { saved, changed });
      return json(200, { saved }, NO_STORE);
    },
    listRedirects: async ({ event }) => {
      const { limit, cursor } = parseOrThrow(RedirectListQuery, event.queryStringParameters ?? {}, 'query');
      return json(200, await deps.redirects.list({ limit, ...(cursor ? { cursor } : {}) }), NO_STORE);
    },
    deleteRedirect: async ({ event }) => {
      const { from } = parseOrThrow(RedirectDeleteQuery, event.queryStringParameters ?? {}, 'query');
      await deps.redirects.remove(from);
      return { statusCode: 204, headers: NO_STORE, body: '' };
    },
  };
  const routes = Object.entries(handlers).map(([name, handle]) => ({ ...REDIRECT_ROUTE_DOCS[name as keyof typeof REDIRECT_ROUTE_DOCS], handle }));
  return makeHttpApp({ label: 'redirects', routes, authenticator: deps.authenticator, logger: deps.logger });
}
