/**
 * Text hygiene shared by validation and renderers. XML 1.0 cannot carry C0
 * controls (other than tab, LF, CR), U+FFFE/U+FFFF or unpaired surrogates, so
 * they are dropped wherever text enters or leaves Herald.
 */
const XML_FORBIDDEN =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Any character that might need removing (surrogates are checked in pairs only when present). */
// eslint-disable-next-line no-control-regex
const SUSPECT = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uD800-\uDFFF\uFFFE\uFFFF]/;

/** Removes every character XML 1.0 cannot represent. */
export function xmlSafe(text: string): string {
  // Most text has nothing to remove; one scan decides, the full pattern runs only when needed.
  return SUSPECT.test(text) ? text.replace(XML_FORBIDDEN, '') : text;
}

/** Collapses runs of white space, for single-line fields such as titles. */
export function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** A URL-safe, lowercase ASCII slug; empty when nothing usable is left. */
export function slugify(text: string, max = 80): string {
  const ascii = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return ascii.slice(0, max).replace(/-+$/, '');
}
