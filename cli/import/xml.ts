import { XMLParser, XMLValidator, type X2jOptions } from 'fast-xml-parser';
import { SourceError } from './feed-item';

/** A parsed XML element as fast-xml-parser gives it: attributes under `@name`, text under `#text`. */
export type XmlNode = Record<string, unknown>;

const options: X2jOptions = {
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  // The five XML entities and character references; named HTML ones (&nbsp;) as well, as feeds use them.
  processEntities: true,
  htmlEntities: true,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  // Atom content is kept raw, so xhtml content stays markup (see atomContent).
  stopNodes: ['feed.entry.content'],
};
const parser = new XMLParser(options);

/**
 * What comes before the root element, read token by token: an XML
 * declaration, comments, processing instructions, whitespace. A DOCTYPE is
 * refused before any parser sees it, so no entity (billion laughs) is
 * expanded and no external one (XXE) is fetched; a DOCTYPE html names the
 * page for what it is.
 */
function checkProlog(text: string): void {
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (c === ' ' || c === '\n' || c === '\r' || c === '\t' || c === '\uFEFF') i++;
    else if (text.startsWith('<?', i)) i = text.indexOf('?>', i) === -1 ? text.length : text.indexOf('?>', i) + 2;
    else if (text.startsWith('<!--', i)) i = text.indexOf('-->', i) === -1 ? text.length : text.indexOf('-->', i) + 3;
    else if (text.slice(i, i + 9).toUpperCase() === '<!DOCTYPE') {
      if (text.slice(i + 9, i + 15).trim().toLowerCase().startsWith('html')) throw new SourceError('this is an HTML page, not a feed: use the address of its RSS, Atom or JSON feed');
      throw new SourceError('the document has a DOCTYPE; feeds need none, and its entities are never expanded or fetched: refused');
    } else return;
  }
}

/** Parses a whole document, or throws a SourceError naming the line of the first mistake. */
export function parseXml(text: string): XmlNode {
  checkProlog(text);
  const valid = XMLValidator.validate(text);
  if (valid !== true) throw new SourceError(`malformed XML at line ${valid.err.line}, column ${valid.err.col}: ${valid.err.msg}`);
  return parser.parse(text) as XmlNode;
}

/** The text a raw Atom `html` or `text` element held: its entities decoded by the same parser. */
export function decodeRaw(raw: string): string {
  const out = parser.parse(`<x>${raw}</x>`) as { x?: unknown };
  return textOf(out.x);
}

/** A node's child or children as a list, whatever the parser made of one or many. */
export function list(value: unknown): unknown[] {
  return value === undefined || value === null ? [] : Array.isArray(value) ? value : [value];
}

/** An element's text: itself when a string, its `#text` when it has attributes. */
export function textOf(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  if (value && typeof value === 'object' && '#text' in value) return textOf((value as XmlNode)['#text']);
  return '';
}

/** The first of a node's children with this name, as text ('' when absent). */
export const childText = (node: XmlNode, name: string): string => textOf(list(node[name])[0]).trim();

/** An attribute's value, or undefined. */
export function attr(node: unknown, name: string): string | undefined {
  if (!node || typeof node !== 'object') return undefined;
  const v = (node as XmlNode)[`@${name}`];
  return typeof v === 'string' ? v : undefined;
}

/** Child elements as nodes (a bare text child becomes `{ '#text': text }`). */
export const nodes = (value: unknown): XmlNode[] => list(value).map((v) => (v && typeof v === 'object' ? (v as XmlNode) : { '#text': textOf(v) }));

/**
 * The prefix a document uses for a namespace, from the root's declarations,
 * so `dc:creator` is found whatever the feed calls `dc`; the conventional
 * prefix when the root does not declare it.
 */
export function prefixer(root: XmlNode, conventional: Record<string, string>): (uri: string, local: string) => string {
  const declared = new Map<string, string>();
  for (const [k, v] of Object.entries(root)) if (k.startsWith('@xmlns:') && typeof v === 'string') declared.set(v, k.slice(7));
  return (uri, local) => `${declared.get(uri) ?? conventional[uri] ?? ''}:${local}`;
}
