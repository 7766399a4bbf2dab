import { MethodNotAllowedError, NotFoundError } from '../domain/errors';

/**
 * The route a request names, for every app's small route table: 404 when no
 * path matches, 405 (with Allow) when the path does but not the method. Path
 * parameters come back percent-decoded; a malformed escape names nothing (404).
 */
export function matchRoute<R>(
  table: readonly R[],
  method: string,
  path: string,
  of: (route: R) => { method: string; pattern: RegExp },
): { route: R; params: Record<string, string> } {
  const candidates = table.filter((r) => of(r).pattern.test(path));
  if (candidates.length === 0) throw new NotFoundError(`no route for ${path.slice(0, 200)}`);
  const route = candidates.find((r) => of(r).method === method);
  if (!route) throw new MethodNotAllowedError([...new Set(candidates.map((r) => of(r).method))]);
  const groups = of(route).pattern.exec(path)?.groups ?? {};
  return { route, params: Object.fromEntries(Object.entries(groups).map(([k, v]) => [k, safeDecode(v)])) };
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw new NotFoundError('malformed path');
  }
}

const compiled = new Map<string, RegExp>();

/** The matcher of a path template: `{id}` matches one non-empty segment, captured as `id`. */
export function patternOf(path: string): RegExp {
  let re = compiled.get(path);
  if (!re) {
    const source = path
      .split(/(\{[a-zA-Z]+\})/)
      .map((part) => (/^\{[a-zA-Z]+\}$/.test(part) ? `(?<${part.slice(1, -1)}>[^/]+)` : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
      .join('');
    re = new RegExp(`^${source}$`);
    compiled.set(path, re);
  }
  return re;
}
