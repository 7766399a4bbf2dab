import { useEffect, useState } from 'preact/hooks';

/**
 * Hash routes, so /admin/ is the only path the server needs to know:
 * `#/` list, `#/new` create (`?translate=<id>` to translate), `#/a/<id>` edit,
 * `#/people` admins, `#/embed` the snippets for partner sites, and `#invitation=<token>` an invitation landing.
 */
export type Route =
  | { name: 'list' }
  | { name: 'new'; translate?: string }
  | { name: 'edit'; id: string }
  | { name: 'people' }
  | { name: 'embed' }
  | { name: 'invitation'; token: string };

/** The route of a location hash. */
export function parseRoute(hash: string): Route {
  const h = hash.replace(/^#/, '');
  if (h.startsWith('invitation=')) return { name: 'invitation', token: decodeURIComponent(h.slice('invitation='.length)) };
  const [path = '', q = ''] = h.split('?');
  if (path === '/new') return { name: 'new', translate: new URLSearchParams(q).get('translate') ?? undefined };
  if (path.startsWith('/a/')) return { name: 'edit', id: path.slice(3) };
  if (path === '/people') return { name: 'people' };
  if (path === '/embed') return { name: 'embed' };
  return { name: 'list' };
}

/** The hash of a route. */
export const href = (r: Route): string =>
  r.name === 'new' ? (r.translate ? `#/new?translate=${r.translate}` : '#/new') : r.name === 'edit' ? `#/a/${r.id}` : r.name === 'people' ? '#/people' : r.name === 'embed' ? '#/embed' : '#/';

/** The current route, following hash changes. */
export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(location.hash));
  useEffect(() => {
    const on = () => setRoute(parseRoute(location.hash));
    addEventListener('hashchange', on);
    return () => removeEventListener('hashchange', on);
  }, []);
  return route;
}

/** Goes to a route. */
export const go = (r: Route) => {
  location.hash = href(r);
};
