/**
 * Wall-clock times in a named zone, without a date library: an event is
 * stored as the editor wrote it (local date-time plus IANA zone), and these
 * helpers give the instant and the UTC offset that JSON-LD and JSON need.
 * Pure: the result depends only on the arguments and the tz database.
 */
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;
const IANA = /^(UTC|[A-Z][A-Za-z_-]+(\/[A-Z0-9][A-Za-z0-9_+-]*)+)$/;

/** True for an IANA zone name the runtime knows (Europe/Zurich, UTC), not abbreviations. */
export function isIanaZone(zone: string): boolean {
  if (!IANA.test(zone)) return false;
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

export type WallTime = { year: number; month: number; day: number; hour: number; minute: number; second: number };

/** Parses YYYY-MM-DD (midnight) or YYYY-MM-DDTHH:MM[:SS]; undefined when malformed or not a real date. */
export function parseWallTime(text: string, kind: 'date' | 'date-time'): WallTime | undefined {
  const m = (kind === 'date' ? DATE : DATE_TIME).exec(text);
  if (!m) return undefined;
  const [year, month, day, hour = 0, minute = 0, second = 0] = m.slice(1).map((s) => (s === undefined ? 0 : Number(s)));
  const t: WallTime = { year: year!, month: month!, day: day!, hour, minute, second };
  const d = new Date(Date.UTC(t.year, t.month - 1, t.day, t.hour, t.minute, t.second));
  const real =
    d.getUTCFullYear() === t.year && d.getUTCMonth() + 1 === t.month && d.getUTCDate() === t.day &&
    d.getUTCHours() === t.hour && d.getUTCMinutes() === t.minute && d.getUTCSeconds() === t.second;
  return real ? t : undefined;
}

/** The canonical form Herald stores: YYYY-MM-DD, or YYYY-MM-DDTHH:MM:SS. */
export function formatWallTime(t: WallTime, kind: 'date' | 'date-time'): string {
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  const date = `${p(t.year, 4)}-${p(t.month)}-${p(t.day)}`;
  return kind === 'date' ? date : `${date}T${p(t.hour)}:${p(t.minute)}:${p(t.second)}`;
}

/** The zone's offset from UTC, in minutes, at the instant `utcMs`. */
function offsetMinutes(zone: string, utcMs: number): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: zone,
    hourCycle: 'h23',
    year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric',
  }).formatToParts(new Date(utcMs));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const asUtc = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return Math.round((asUtc - Math.floor(utcMs / 1000) * 1000) / 60_000);
}

/** The instant a wall time in `zone` denotes (the later reading in a DST gap or overlap is not chosen; the first is). */
export function wallTimeToUtc(t: WallTime, zone: string): number {
  const naive = Date.UTC(t.year, t.month - 1, t.day, t.hour, t.minute, t.second);
  const first = naive - offsetMinutes(zone, naive) * 60_000;
  return naive - offsetMinutes(zone, first) * 60_000;
}

/** ISO 8601 with the zone's offset at that time, e.g. 2017-09-04T10:00:00+02:00 (for JSON-LD and JSON). */
export function isoWithOffset(t: WallTime, zone: string): string {
  const off = offsetMinutes(zone, wallTimeToUtc(t, zone));
  const sign = off < 0 ? '-' : '+';
  const abs = Math.abs(off);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${formatWallTime(t, 'date-time')}${sign}${p(Math.floor(abs / 60))}:${p(abs % 60)}`;
}

/** The day after a date (all-day DTEND is exclusive in iCalendar). */
export function nextDay(t: WallTime): WallTime {
  const d = new Date(Date.UTC(t.year, t.month - 1, t.day + 1));
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(), hour: 0, minute: 0, second: 0 };
}
