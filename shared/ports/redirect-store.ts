import type { Redirect, RedirectPair } from '../redirects/redirect';

/** A page of redirects in `from` order, with the cursor of the next page. */
export type RedirectPage = { items: Redirect[]; cursor?: string };

/** Redirects in the table (the source of truth). */
export interface RedirectStore {
  /** Stores a pair unless the same pair is stored already; true when something changed. */
  put(pair: RedirectPair, at: Date): Promise<boolean>;
  list(options: { limit: number; cursor?: string }): Promise<RedirectPage>;
  /** Every redirect, page by page: what the local server loads at start. */
  all(): Promise<Redirect[]>;
  /** False when there was nothing to delete. */
  delete(from: string): Promise<boolean>;
}

/**
 * Where redirects are served from, kept in step after each table write: the
 * CloudFront KeyValueStore in the cloud, the local server's in-memory map.
 */
export interface RedirectEdge {
  put(pairs: readonly RedirectPair[]): Promise<void>;
  remove(froms: readonly string[]): Promise<void>;
}
