/**
 * HTML escaping for the page renderers: every value that is not the stored,
 * already-sanitised body passes through `esc` (text and attribute values
 * alike), and JSON in a <script> block through `scriptJson`.
 */
export function esc(value: string | number): string {
  return String(value)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** JSON safe inside <script type="application/ld+json">: no "</script>", no "<!--", no line separators. */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value, null, 2)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

/** `<meta property|name=… content=…>`, or nothing when the value is missing. */
export function meta(attr: 'property' | 'name', key: string, content: string | number | undefined): string {
  return content === undefined || content === '' ? '' : `<meta ${attr}="${esc(key)}" content="${esc(content)}">`;
}

/** Formatters by language: building one costs far more than using it. */
const longDateFormats = new Map<string, Intl.DateTimeFormat | null>();

/** A long date in the page's language, in UTC (pure: no process time zone). */
export function longDate(iso: string, language: string): string {
  let format = longDateFormats.get(language);
  if (format === undefined) {
    try {
      format = new Intl.DateTimeFormat(language, { dateStyle: 'long', timeZone: 'UTC' });
    } catch {
      format = null; // not a language tag Intl knows
    }
    if (longDateFormats.size >= 256) longDateFormats.clear(); // bounded, whatever languages arrive
    longDateFormats.set(language, format);
  }
  const date = new Date(iso);
  return format && !Number.isNaN(date.getTime()) ? format.format(date) : iso.slice(0, 10);
}

/** Simple, readable on a phone, WCAG AA contrast (#1a1a1a on #fff, links #0b5394). */
export const PAGE_CSS = `
*{box-sizing:border-box}
body{margin:0;font:1.0625rem/1.6 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1a1a1a;background:#fff}
header,main,footer{max-width:42rem;margin:0 auto;padding:1rem}
header{border-bottom:1px solid #d0d0d0}
header a{color:#1a1a1a;font-weight:700;text-decoration:none}
a{color:#0b5394}
h1{font-size:1.75rem;line-height:1.25;margin:.5rem 0}
h2{font-size:1.25rem;margin-top:2rem}
img{max-width:100%;height:auto}
figure{margin:1.5rem 0}
figcaption{font-size:.9375rem;color:#404040}
.meta,.credit{color:#404040;font-size:.9375rem}
.event{border-left:4px solid #0b5394;padding:.5rem 1rem;background:#f3f6fa}
.cancelled{border-color:#a4000f;background:#fbeff0}
ul.items{list-style:none;padding:0}
ul.items li{margin:0 0 1.5rem}
footer{border-top:1px solid #d0d0d0;font-size:.9375rem}
`.trim();
