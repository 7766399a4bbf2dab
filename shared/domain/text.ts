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

const LATIN = /\p{Script=Latin}/u;
const MARK = /\p{M}/u;
// One for every call (constructing one was most of slugify's cost, 0.2 ms a title), made at the
// first call, not at import: a cold start that never slugs does not pay for it.
let graphemes: Intl.Segmenter | undefined;

/**
 * A lowercase slug of letters, digits and single hyphens; empty when nothing
 * usable is left. Latin letters lose their accents (as before, so existing
 * titles give the same slugs); letters of other scripts are kept with their
 * marks (Arabic harakat, Devanagari matras), as WordPress does, and are
 * percent-encoded where the slug enters a URL. Never cut inside a grapheme.
 */
export function slugify(text: string, max = 80): string {
  let out = '';
  for (const char of text.normalize('NFKC').toLowerCase()) {
    if (LATIN.test(char)) out += char.normalize('NFKD').replace(/\p{M}/gu, '');
    else if (/[\p{L}\p{N}]/u.test(char) || (MARK.test(char) && /[\p{L}\p{N}\p{M}]$/u.test(out))) out += char;
    else out += '-';
  }
  const slug = out.normalize('NFC').replace(/[^\p{L}\p{N}\p{M}]+/gu, '-').replace(/^-+|-+$/g, '');
  let cut = '';
  for (const { segment } of (graphemes ??= new Intl.Segmenter('und', { granularity: 'grapheme' })).segment(slug)) {
    if ([...cut].length + [...segment].length > max) break;
    cut += segment;
  }
  return cut.replace(/-+$/, '');
}

/**
 * Text folded for a search: compatibility forms, case and combining marks
 * removed, white space collapsed, so "reunion a geneve" finds "Réunion à
 * Genève". Both the query and the title are folded the same way.
 */
export function searchFold(text: string): string {
  return oneLine(text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase());
}
