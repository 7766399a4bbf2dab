import type { EventInfo } from '../domain/announcement';
import { parseWallTime } from '../domain/event-time';

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

/** Formatters by style and language: building one costs far more than using it. */
const formats = new Map<string, Intl.DateTimeFormat | null>();
const STYLES = {
  date: { dateStyle: 'long', timeZone: 'UTC' },
  'date-time': { dateStyle: 'long', timeStyle: 'short', timeZone: 'UTC' },
} satisfies Record<string, Intl.DateTimeFormatOptions>;

/** The cached formatter for a style and language; null when Intl does not know the language. */
function formatFor(style: keyof typeof STYLES, language: string): Intl.DateTimeFormat | null {
  const key = `${style} ${language}`;
  let format = formats.get(key);
  if (format === undefined) {
    try {
      format = new Intl.DateTimeFormat(language, STYLES[style]);
    } catch {
      format = null; // not a language tag Intl knows
    }
    if (formats.size >= 512) formats.clear(); // bounded, whatever languages arrive
    formats.set(key, format);
  }
  return format;
}

/** A long date in the page's language, in UTC (pure: no process time zone). */
export function longDate(iso: string, language: string): string {
  const format = formatFor('date', language);
  const date = new Date(iso);
  return format && !Number.isNaN(date.getTime()) ? format.format(date) : iso.slice(0, 10);
}

/**
 * When an event is, in the page's language: its wall times as written (dates
 * when all-day), formatted as if UTC so the process zone never shifts them,
 * with the zone named. Reuses the cached formatters; a malformed time or a
 * language Intl rejects shows the stored text.
 */
export function eventWhen(e: Pick<EventInfo, 'start' | 'end' | 'allDay' | 'timeZone'>, language: string): string {
  const format = formatFor(e.allDay ? 'date' : 'date-time', language);
  const show = (s: string) => {
    const t = parseWallTime(s, e.allDay ? 'date' : 'date-time');
    return t && format ? format.format(new Date(Date.UTC(t.year, t.month - 1, t.day, t.hour, t.minute, t.second))) : s;
  };
  return `${show(e.start)} – ${show(e.end)}${e.allDay ? '' : ` (${e.timeZone})`}`;
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
pre{overflow-x:auto;white-space:pre-wrap;word-break:break-all;background:#f3f6fa;padding:.5rem;font-size:.875rem}
`.trim();
