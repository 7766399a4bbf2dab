import { NotFoundError } from '../domain/errors';
import type { RedirectEdge, RedirectStore } from '../ports/redirect-store';
import type { PutRedirects } from './redirect';

/** Table writes at once per request: 100 conditional Puts in ten rounds. */
const WRITES_AT_ONCE = 10;

/**
 * Redirects: the table is the source of truth, the edge (KeyValueStore or the
 * local map) follows it. Every pair of a request goes to the edge, changed or
 * not, so a request retried after an edge failure still brings the edge in step.
 */
export function makeRedirectService(deps: { store: RedirectStore; edge: RedirectEdge; clock: () => Date }) {
  return {
    /** Stores the pairs (a repeated pair changes nothing) and updates the edge; answers how many are saved. */
    async save(input: PutRedirects): Promise<{ saved: number; changed: number }> {
      const at = deps.clock();
      let changed = 0;
      for (let i = 0; i < input.redirects.length; i += WRITES_AT_ONCE) {
        const results = await Promise.all(input.redirects.slice(i, i + WRITES_AT_ONCE).map((p) => deps.store.put(p, at)));
        changed += results.filter(Boolean).length;
      }
      await deps.edge.put(input.redirects);
      return { saved: input.redirects.length, changed };
    },

    list: (options: { limit: number; cursor?: string }) => deps.store.list(options),

    async remove(from: string): Promise<void> {
      if (!(await deps.store.delete(from))) throw new NotFoundError(`no redirect from ${from.slice(0, 100)}`);
      await deps.edge.remove([from]);
    },
  };
}

/** The redirect service's interface. */
export type RedirectService = ReturnType<typeof makeRedirectService>;
