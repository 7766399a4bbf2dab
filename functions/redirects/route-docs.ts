import { PutRedirects, RedirectDeleteQuery, RedirectListQuery } from '../../shared/redirects/redirect';
import type { Route } from '../admin/route-types';

/** What the OpenAPI document says about one redirects route (the redirects function serves them, the admin function documents them). */
export type RedirectRouteDoc = Pick<Route, 'method' | 'path' | 'doc' | 'role'>;

const BAD_PATH = 'a bad from or to, named (redirects.N.from): not a path starting with one "/", control characters, a backslash or "#", too long';

/** The redirect routes (admins only), kept apart from the handlers so the admin bundle can document them. */
export const REDIRECT_ROUTE_DOCS = {
  putRedirects: {
    method: 'PUT',
    path: '/api/redirects',
    role: 'admin',
    doc: {
      summary: 'Store redirects from old-site paths to this site (1-100; a repeated pair changes nothing, a new `to` replaces the old), served as 301 to SITE_URL + to',
      body: PutRedirects,
      responses: { 200: '{ saved }', 400: BAD_PATH, 403: 'not an admin' },
    },
  },
  listRedirects: {
    method: 'GET',
    path: '/api/redirects',
    role: 'admin',
    doc: { summary: 'Redirects in `from` order, a page at a time', query: RedirectListQuery, responses: { 200: '{ items: [{ from, to, updatedAt }], cursor? }', 400: 'a bad query parameter, named', 403: 'not an admin' } },
  },
  deleteRedirect: {
    method: 'DELETE',
    path: '/api/redirects',
    role: 'admin',
    doc: { summary: 'Remove the redirect from one old path (?from=, URL-encoded)', query: RedirectDeleteQuery, responses: { 204: 'removed', 400: 'from missing or not a path', 403: 'not an admin', 404: 'no redirect from that path' } },
  },
} as const satisfies Record<string, RedirectRouteDoc>;
