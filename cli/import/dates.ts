/**
 * Dates as feeds write them: RFC 822/1123 (RSS 2.0, with or without the
 * weekday or seconds, two-digit years, named and military zones) and RFC 3339
 * (Atom, JSON Feed, RSS 1.0's dc:date; a space for the T, lowercase t and z).
 * A date without a zone, or one naming a day that does not exist, is
 * undefined: the caller reports it rather than guess.
 */
const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const ZONES: Record<string, number> = { ut: 0, utc: 0, gmt: 0, z: 0, est: -300, edt: -240, cst: -360, cdt: -300, mst: -420, mdt: -360, pst: -480, pdt: -420 };

/** Minutes east of UTC of an RFC 822 zone: +hhmm, -hhmm, a name, or a military letter. */
function zoneMinutes(zone: string): number | undefined {
  const z = zone.toLowerCase();
  if (z in ZONES) return ZONES[z];
  const m = /^([+-])(\d{2}):?(\d{2})$/.exec(z);
  if (m) return (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3]));
  // RFC 822's military zones were defined with the wrong sign; RFC 1123 says to read them as UTC.
  if (/^[a-ik-y]$/.test(z)) return 0;
  return undefined;
}

/** The instant of a UTC wall time, or undefined when a field is out of range (31 February). */
function utc(y: number, mo: number, d: number, h: number, mi: number, s: number, ms: number, offset: number): string | undefined {
  if (mo < 1 || mo > 12 || d < 1 || h > 23 || mi > 59 || s > 60) return undefined;
  const t = Date.UTC(y, mo - 1, d, h, mi, Math.min(s, 59), ms);
  const check = new Date(t);
  if (check.getUTCDate() !== d || check.getUTCMonth() !== mo - 1) return undefined;
  return new Date(t - offset * 60_000).toISOString();
}

/** An RFC 822 date-time, e.g. "Mon, 04 Sep 2017 09:00:00 +0200", "4 Sep 17 09:00 GMT". */
export function parseRfc822(text: string): string | undefined {
  const m = /^\s*(?:[A-Za-z]{3,9},?\s+)?(\d{1,2})\s+([A-Za-z]{3,9})\.?\s+(\d{2}|\d{4})\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([+-]\d{2}:?\d{2}|[A-Za-z]{1,3})?\s*$/.exec(text);
  if (!m) return undefined;
  const month = MONTHS.indexOf(m[2]!.slice(0, 3).toLowerCase()) + 1;
  if (month === 0 || !m[7]) return undefined;
  const offset = zoneMinutes(m[7]);
  if (offset === undefined) return undefined;
  let year = Number(m[3]);
  // RFC 2822 section 4.3: two-digit years 00-49 are 20xx, 50-99 19xx.
  if (m[3]!.length === 2) year += year < 50 ? 2000 : 1900;
  return utc(year, month, Number(m[1]), Number(m[4]), Number(m[5]), Number(m[6] ?? 0), 0, offset);
}

/** An RFC 3339 date-time, e.g. "2017-09-04T09:00:00+02:00", "2017-09-04 07:00:00.5z". */
export function parseRfc3339(text: string): string | undefined {
  const m = /^\s*(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?([Zz]|[+-]\d{2}:\d{2})\s*$/.exec(text);
  if (!m) return undefined;
  const offset = /^z$/i.test(m[8]!) ? 0 : zoneMinutes(m[8]!)!;
  const ms = m[7] ? Math.floor(Number(`0.${m[7]}`) * 1000) : 0;
  return utc(Number(m[1]), Number(m[2]), Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6]), ms, offset);
}

/** Either form, for sources that mix them (many RSS feeds write RFC 3339 dates). */
export const parseFeedDate = (text: string): string | undefined => parseRfc822(text) ?? parseRfc3339(text);
