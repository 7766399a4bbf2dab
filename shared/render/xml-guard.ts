import { xmlSafe } from '../domain/text';

/**
 * Guards for values handed to the `feed` package. It escapes element text but
 * passes control characters through and writes extension attributes verbatim,
 * so Herald cleans text and escapes attribute values before handing them over.
 */
export const clean = (s: string): string => xmlSafe(s);

/** An attribute value escaped for XML (the package writes these unescaped). */
export function attr(value: string | number): string {
  return xmlSafe(String(value))
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/"/g, '&quot;');
}

/** Plain text made safe to embed where a format expects escaped HTML. */
export function textAsHtml(s: string): string {
  return xmlSafe(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
