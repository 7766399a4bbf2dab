/** Which way a language's text runs, for `dir` attributes. */
export type Direction = 'ltr' | 'rtl';

/**
 * Right-to-left languages, for runtimes whose Intl lacks text info (and the
 * tests' check of it): Arabic, Hebrew, Persian, Urdu, Pashto, Sindhi, Yiddish,
 * Dhivehi, Uyghur, Central Kurdish, and the other scripts written right to left.
 */
export const RTL_LANGUAGES: readonly string[] = ['ar', 'he', 'iw', 'fa', 'ur', 'ps', 'sd', 'yi', 'ji', 'dv', 'ug', 'ckb', 'syr', 'arc', 'nqo'];
const RTL_SCRIPTS = new Set(['Arab', 'Hebr', 'Thaa', 'Syrc', 'Nkoo', 'Adlm', 'Rohg', 'Mand', 'Samr']);

type TextInfoLocale = Intl.Locale & { getTextInfo?: () => { direction?: string }; textInfo?: { direction?: string } };

/**
 * The direction of a BCP 47 language tag: Intl's text info where the runtime
 * has it (Node 24, current browsers), else the script subtag or the primary
 * language against the fallback list. Unknown or malformed tags are ltr.
 */
export function directionOf(language: string, intl = true): Direction {
  let locale: TextInfoLocale | undefined;
  try {
    locale = new Intl.Locale(language) as TextInfoLocale;
  } catch {
    return 'ltr';
  }
  if (intl) {
    const info = locale.getTextInfo?.() ?? locale.textInfo;
    if (info?.direction === 'rtl' || info?.direction === 'ltr') return info.direction;
  }
  if (locale.script) return RTL_SCRIPTS.has(locale.script) ? 'rtl' : 'ltr';
  return RTL_LANGUAGES.includes(locale.language.toLowerCase()) ? 'rtl' : 'ltr';
}

/** `lang` and `dir` attributes for an element holding text in `language`, escaped by the caller. */
export function langDir(language: string): { lang: string; dir: Direction } {
  return { lang: language, dir: directionOf(language) };
}

/** Letters of the scripts written right to left. */
const RTL_TEXT = /[\p{Script=Arabic}\p{Script=Hebrew}\p{Script=Thaana}\p{Script=Syriac}\p{Script=Nko}\p{Script=Adlam}\p{Script=Hanifi_Rohingya}\p{Script=Mandaic}\p{Script=Samaritan}]/u;

/**
 * Plain-text isolation, the `<bdi>` of places without markup (feed and OPML
 * titles): right-to-left text inside a sentence of Herald's own is wrapped in
 * FIRST STRONG ISOLATE ... POP DIRECTIONAL ISOLATE, so its punctuation and
 * digits stay with it. Text without right-to-left letters is returned as is,
 * so every other title stays byte for byte what it was.
 */
export function isolate(text: string): string {
  return RTL_TEXT.test(text) ? `\u2068${text}\u2069` : text;
}
