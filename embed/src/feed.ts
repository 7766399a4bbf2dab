/**
 * What the news box reads from a JSON Feed 1.1 document and Herald's `_herald`
 * extension (shared/render/json-feed.ts, social.ts), checked field by field:
 * anything of the wrong type is dropped, links are kept only when http(s).
 * Pure, so the box never touches a value it has not checked.
 */
export interface NewsEvent {
  start: string;
  end: string;
  allDay: boolean;
  timeZone?: string;
  location?: string;
  cancelled: boolean;
}

/** One item as the box shows it. */
export interface NewsItem {
  id: string;
  title: string;
  url?: string;
  summary?: string;
  published?: string;
  language?: string;
  image?: { src: string; alt: string; credit?: string };
  event?: NewsEvent;
}

/** A feed as the box shows it. */
export interface NewsFeed {
  title: string;
  home?: string;
  language?: string;
  items: NewsItem[];
}

type Json = Record<string, unknown>;
const obj = (v: unknown): Json | undefined => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : undefined);
const str = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() ? v : undefined);

/** An absolute http(s) URL resolved against `base`, else undefined (javascript:, data:, garbage). */
export function httpUrl(value: unknown, base: string): string | undefined {
  const s = str(value);
  if (!s) return undefined;
  try {
    const u = new URL(s, base);
    return u.protocol === 'https:' || u.protocol === 'http:' ? u.href : undefined;
  } catch {
    return undefined;
  }
}

/** The feed, or undefined when the document is not JSON Feed. */
export function parseFeed(doc: unknown, feedUrl: string): NewsFeed | undefined {
  const d = obj(doc);
  if (!d || !str(d.version)?.startsWith('https://jsonfeed.org/version/') || !Array.isArray(d.items)) return undefined;
  return {
    title: str(d.title) ?? '',
    home: httpUrl(d.home_page_url, feedUrl),
    language: str(d.language),
    items: d.items.flatMap((raw) => {
      const i = obj(raw);
      const id = i && (str(i.id) ?? (typeof i.id === 'number' ? String(i.id) : undefined));
      return i && id ? [item(i, id, feedUrl)] : [];
    }),
  };
}

function item(i: Json, id: string, base: string): NewsItem {
  const h = obj(i._herald) ?? {};
  const first = Array.isArray(h.images) ? obj(h.images[0]) : undefined;
  const src = httpUrl(first?.url ?? i.image, base);
  const e = obj(h.event);
  const start = str(e?.start);
  const end = str(e?.end);
  return {
    id,
    title: str(i.title) ?? str(i.summary) ?? '',
    url: httpUrl(i.url, base),
    summary: str(i.summary),
    published: str(i.date_published),
    language: str(i.language),
    image: src ? { src, alt: str(first?.alt) ?? str(h.image_alt) ?? '', credit: str(first?.credit) } : undefined,
    event:
      e && start && end
        ? { start, end, allDay: e.all_day === true, timeZone: str(e.time_zone), location: str(e.location), cancelled: e.status === 'cancelled' }
        : undefined,
  };
}

/** `limit` as written on the element, clamped to 1..20 (5 when absent or not a number). */
export function clampLimit(value: string | null): number {
  const n = Math.trunc(Number(value ?? 5));
  return Number.isFinite(n) && value !== '' ? Math.min(20, Math.max(1, n)) : 5;
}
