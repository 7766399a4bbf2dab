import { parseAtom } from './atom';
import { SourceError, type ParsedFeed } from './feed-item';
import { parseJsonFeed } from './json-feed';
import { parseRss } from './rss';
import { parseXml } from './xml';
import { parseWxr, wpPrefixOf } from './wxr';
import type { XmlNode } from './xml';

/** The largest source read: a WordPress export of a decade of news fits, a runaway file does not. */
export const MAX_SOURCE_BYTES = 200 * 1024 * 1024;

/** Herald's own export: one announcement a line (see `herald export`). */
function parseExport(text: string): ParsedFeed {
  const exported: Record<string, unknown>[] = [];
  text.split('\n').forEach((line, i) => {
    if (!line.trim()) return;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      throw new SourceError(`line ${i + 1} is not JSON: neither a JSON Feed nor a Herald export (JSON Lines)`);
    }
    if (!value || typeof value !== 'object' || typeof (value as { id?: unknown }).id !== 'string') throw new SourceError(`line ${i + 1} is not an exported announcement (no id)`);
    exported.push(value as Record<string, unknown>);
  });
  return { format: 'herald-export', items: [], exported, skipped: [] };
}

/**
 * Any supported source, told apart by its content rather than its name:
 * JSON (a JSON Feed, or Herald's JSON Lines export) or XML (RSS 2.0, a
 * WordPress WXR, RSS 1.0/RDF, Atom 1.0). Anything else, an HTML page
 * included, is a SourceError that says what it is.
 */
export function parseSource(text: string): ParsedFeed {
  const body = text.replace(/^\uFEFF/, '').trim();
  if (!body) throw new SourceError('the source is empty');
  if (body.startsWith('{')) {
    let doc: unknown;
    try {
      doc = JSON.parse(body);
    } catch {
      return parseExport(body);
    }
    const o = doc as Record<string, unknown>;
    if (typeof o.version === 'string' && o.version.startsWith('https://jsonfeed.org/')) return parseJsonFeed(o);
    return parseExport(body);
  }
  if (!body.startsWith('<')) throw new SourceError('not a feed: neither XML nor JSON');
  const head = body.slice(0, 2000).toLowerCase();
  if (head.includes('<html')) throw new SourceError('this is an HTML page, not a feed: use the address of its RSS, Atom or JSON feed');
  const doc = parseXml(body);
  const root = Object.keys(doc).find((k) => !k.startsWith('?'));
  if (root === 'rss') return wpPrefixOf(doc.rss as XmlNode) ? parseWxr(doc) : parseRss(doc, 'rss');
  if (root?.endsWith('RDF')) return parseRss(doc, root);
  if (root === 'feed') return parseAtom(doc);
  throw new SourceError(`not a feed: the root element is <${(root ?? '').slice(0, 40)}>, expected rss, rdf:RDF or feed`);
}
