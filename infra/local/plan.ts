import type { FunctionDeclaration, HttpTrigger, QueueTrigger, ScheduleTrigger, StreamTrigger } from '../function-declaration';

/** A route served locally: method, API Gateway path pattern, auth, and the function it runs. */
export type LocalRoute = { method: HttpTrigger['method']; path: string; auth: HttpTrigger['auth']; fn: string };

/**
 * What the local runtime runs, derived from the function declarations alone
 * (no emulator, no handler), so a test can compare it with the synthesized
 * template: HTTP routes, the stream consumer, timers and queues.
 */
export type LocalPlan = {
  routes: LocalRoute[];
  /** The function the cloud calls to authorise `token` routes; locally the handler checks the token itself. */
  authorizer?: string;
  streams: { fn: string; trigger: StreamTrigger }[];
  timers: { fn: string; trigger: ScheduleTrigger }[];
  queues: { fn: string; trigger: QueueTrigger }[];
};

/** Builds the local plan from the declarations, refusing what the cloud would refuse too. */
export function localPlan(functions: readonly FunctionDeclaration[]): LocalPlan {
  const plan: LocalPlan = { routes: [], streams: [], timers: [], queues: [] };
  for (const decl of functions) {
    for (const t of decl.triggers) {
      if (t.kind === 'http') plan.routes.push({ method: t.method, path: t.path, auth: t.auth, fn: decl.name });
      else if (t.kind === 'authorizer') {
        if (plan.authorizer) throw new Error(`two authorizers: ${plan.authorizer} and ${decl.name}`);
        plan.authorizer = decl.name;
      } else if (t.kind === 'stream') plan.streams.push({ fn: decl.name, trigger: t });
      else if (t.kind === 'schedule') plan.timers.push({ fn: decl.name, trigger: t });
      else plan.queues.push({ fn: decl.name, trigger: t });
    }
  }
  const keys = plan.routes.map((r) => `${r.method} ${r.path}`);
  const twice = keys.find((k, i) => keys.indexOf(k) !== i);
  if (twice) throw new Error(`route ${twice} is declared twice`);
  if (plan.streams.length > 1) throw new Error('only one function may consume the table stream');
  return plan;
}

const patterns = new Map<string, RegExp>();

/** A path pattern as a regular expression: `{name+}` one or more segments, `{name}` exactly one; compiled once per path. */
function pathPattern(path: string): RegExp {
  const known = patterns.get(path);
  if (known) return known;
  const source = path
    .split(/(\{[^}]+\})/)
    .map((part) => (part.endsWith('+}') ? '.+' : part.startsWith('{') ? '[^/]+' : part.replace(/[.*+?^$()|[\]\\]/g, '\\$&')))
    .join('');
  const pattern = new RegExp(`^${source}$`);
  patterns.set(path, pattern);
  return pattern;
}

/**
 * The route API Gateway would choose: among matching routes, a method-specific one
 * over ANY, then the one with fewer greedy and fewer variable segments.
 */
export function matchRoute(routes: readonly LocalRoute[], method: string, path: string): LocalRoute | undefined {
  const score = (r: LocalRoute) => (r.path.includes('+}') ? 100 : 0) + (r.path.match(/\{/g)?.length ?? 0) + (r.method === 'ANY' ? 0.5 : 0);
  return routes
    .filter((r) => (r.method === 'ANY' || r.method === method.toUpperCase()) && pathPattern(r.path).test(path))
    .sort((a, b) => score(a) - score(b))[0];
}
