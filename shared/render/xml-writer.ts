import { xmlSafe } from '../domain/text';

/**
 * A tiny XML writer for the RSS and Atom renderers. Every text and attribute
 * value passes through here, so escaping is decided in one place: characters
 * XML 1.0 cannot carry are dropped, markup characters are escaped (which also
 * covers every `]]>`), and CR, LF and tab in attributes become character
 * references so a parser's normalisation cannot change them.
 */
export type Attrs = Record<string, string | number | undefined>;

const TEXT_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '\r': '&#13;' };
const ATTR_ESCAPES: Record<string, string> = { ...TEXT_ESCAPES, '"': '&quot;', '\t': '&#9;', '\n': '&#10;' };

/** Element text: XML-safe, with &, < and > escaped (and CR kept as a reference). One pass. */
export function escapeText(value: string): string {
  return xmlSafe(value).replace(/[&<>\r]/g, (c) => TEXT_ESCAPES[c]!);
}

/** An attribute value for a double-quoted attribute. */
export function escapeAttr(value: string | number): string {
  return xmlSafe(String(value)).replace(/[&<>\r"\t\n]/g, (c) => ATTR_ESCAPES[c]!);
}

function attrs(a: Attrs): string {
  let out = '';
  for (const [name, value] of Object.entries(a)) {
    if (value !== undefined) out += ` ${name}="${escapeAttr(value)}"`;
  }
  return out;
}

/** `<name attrs>text</name>`, or nothing when text is undefined. */
export function textEl(name: string, text: string | undefined, a: Attrs = {}): string {
  return text === undefined ? '' : `<${name}${attrs(a)}>${escapeText(text)}</${name}>`;
}

/** An empty element `<name attrs/>`. */
export function emptyEl(name: string, a: Attrs): string {
  return `<${name}${attrs(a)}/>`;
}

/** An element around already-written children, one per line at `indent`. */
export function parentEl(name: string, a: Attrs, children: string[], indent: string): string {
  const inner = children.filter(Boolean);
  if (inner.length === 0) return `<${name}${attrs(a)}/>`;
  const pad = `\n${indent}  `;
  return `<${name}${attrs(a)}>${pad}${inner.join(pad)}\n${indent}</${name}>`;
}

/** The XML declaration every document starts with. */
export const XML_DECLARATION = '<?xml version="1.0" encoding="utf-8"?>';

/** Plain text as HTML source (for fields a format defines as HTML). */
export function htmlEscape(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
