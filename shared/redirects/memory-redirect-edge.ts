import type { RedirectEdge } from '../ports/redirect-store';
import { lookupKeys, type RedirectPair } from './redirect';

/**
 * The redirects `npm start` serves: a map in memory, loaded from the table at
 * start and kept current by the redirects function's writes, so serving a page
 * never reads DynamoDB and a path without a redirect costs one Map lookup.
 */
export class MemoryRedirectEdge implements RedirectEdge {
  private readonly map = new Map<string, string>();

  /** Replaces everything with what the table holds. */
  load(pairs: readonly RedirectPair[]): void {
    this.map.clear();
    for (const p of pairs) this.map.set(p.from, p.to);
  }

  put(pairs: readonly RedirectPair[]): Promise<void> {
    for (const p of pairs) this.map.set(p.from, p.to);
    return Promise.resolve();
  }

  remove(froms: readonly string[]): Promise<void> {
    for (const f of froms) this.map.delete(f);
    return Promise.resolve();
  }

  /** The `to` of a request's path and query (raw, as sent), or undefined. */
  lookup(pathname: string, search: string): string | undefined {
    if (this.map.size === 0) return undefined;
    for (const key of lookupKeys(pathname, search)) {
      const to = this.map.get(key);
      if (to !== undefined) return to;
    }
    return undefined;
  }

  get size(): number {
    return this.map.size;
  }
}
