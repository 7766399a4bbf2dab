import type { ErrorDetail } from '../../shared/domain/errors';

/** An image an item carries, with what Media RSS or WordPress says about it. */
export type FeedImage = { url: string; alt?: string; caption?: string; credit?: string; type?: string; length?: number };
/** A document or other enclosure. */
export type FeedFile = { url: string; title?: string; type?: string; length?: number };
export type FeedAuthor = { name: string; email?: string; url?: string };

/**
 * One item of any source format, normalised: what the parsers produce and
 * what `toImportItem` turns into a `POST /api/import` item. Dates are ISO
 * 8601 UTC; a date that could not be read is a problem, never a guess.
 */
export type FeedItem = {
  /** The source's own id; absent when it gives none (a stable one is derived from link and date). */
  guid?: string;
  link?: string;
  title: string;
  /** Plain text. */
  summary?: string;
  /** HTML content as the source gives it (sanitised on the server). */
  html?: string;
  published?: string;
  updated?: string;
  authors: FeedAuthor[];
  /** Category and tag names as written at the source; slugged into Herald tags later. */
  categories: string[];
  images: FeedImage[];
  files: FeedFile[];
  language?: string;
  /** Problems found while reading this item (a broken date); the item is refused with them. */
  problems: ErrorDetail[];
};

/** An item the source holds but an import leaves out by default (a WordPress page, draft or attachment). */
export type SkippedItem = { title: string; guid?: string; reason: string };

/** A source read whole: its own site link and language, its items, what was skipped. */
export type ParsedFeed = {
  format: 'rss2' | 'rss1' | 'atom' | 'jsonfeed1' | 'jsonfeed11' | 'wxr' | 'herald-export';
  title?: string;
  /** The old site's home page: the default origin of redirects. */
  siteLink?: string;
  language?: string;
  items: FeedItem[];
  /** Herald export lines, already in the API's item shape. */
  exported?: Record<string, unknown>[];
  skipped: SkippedItem[];
};

/** A whole-file problem (not a feed, malformed, a DOCTYPE): the import stops with this message. */
export class SourceError extends Error {
  override readonly name = 'SourceError';
}
