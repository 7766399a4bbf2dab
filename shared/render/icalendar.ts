import ical, { ICalEventStatus } from 'ical-generator';
import { tzlib_get_ical_block } from 'timezones-ical-library';
import type { Announcement, EventInfo } from '../domain/announcement';
import { nextDay, parseWallTime, type WallTime } from '../domain/event-time';
import { permalinkOf, type FeedContext } from './feed-context';
import { locationOf } from './location';
import { syndicated } from './syndicated';

/**
 * iCalendar (RFC 5545) for the events of one feed's items, via ical-generator.
 * UIDs come from the announcement id (stable across edits), SEQUENCE is the
 * number of edits (version - 1), DTSTAMP is the last edit, so the same items
 * give the same bytes. Timed events carry TZID and a VTIMEZONE from
 * timezones-ical-library; all-day events are DATE values with an exclusive
 * DTEND. Wall times are handed over as Temporal-like objects, because
 * ical-generator reads a JS Date with a time zone in the process's local zone.
 */
export function renderCalendar(ctx: FeedContext, items: Announcement[]): string {
  const host = new URL(ctx.siteUrl).host;
  const cal = ical({
    prodId: { company: 'Herald', product: 'Herald', language: 'EN' },
    name: `${ctx.title}: events`,
    description: ctx.description || undefined,
    url: ctx.urls.home,
  });
  cal.timezone({ name: null, generator: (zone) => tzlib_get_ical_block(zone)[0] ?? null });
  const withEvents = items
    .map((a) => syndicated(ctx, a))
    .filter((a): a is Announcement & { event: EventInfo } => a.event !== undefined)
    .sort((a, b) => (a.event.start < b.event.start ? -1 : a.event.start > b.event.start ? 1 : a.id < b.id ? -1 : 1));
  for (const a of withEvents) {
    const e = a.event;
    const place = locationOf(e);
    const kind = e.allDay ? 'date' : 'date-time';
    const start = parseWallTime(e.start, kind)!;
    const end = parseWallTime(e.end, kind)!;
    cal.createEvent({
      id: `${a.id}@${host}`,
      sequence: a.version - 1,
      stamp: new Date(a.updatedAt),
      lastModified: new Date(a.updatedAt),
      created: new Date(a.publishedAt ?? a.createdAt),
      summary: a.title,
      description: [a.summary, e.onlineUrl ? `Online: ${e.onlineUrl}` : ''].filter(Boolean).join('\n\n') || undefined,
      location: place || e.onlineUrl || undefined,
      url: permalinkOf(ctx, a),
      categories: a.tags.map((name) => ({ name })),
      status: e.cancelled ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
      ...(e.allDay
        ? { allDay: true, start: utcMidnight(start), end: utcMidnight(nextDay(end)) }
        : { timezone: e.timeZone, start: plainDateTime(start), end: plainDateTime(end) }),
    });
  }
  return cal.toString();
}

/** A date as a UTC-midnight Date; ical-generator writes all-day dates without a zone in UTC. */
const utcMidnight = (t: WallTime) => new Date(Date.UTC(t.year, t.month - 1, t.day));

/** The Temporal.PlainDateTime subset ical-generator reads to write a wall time with TZID. */
function plainDateTime(t: WallTime) {
  const plain = {
    ...t,
    toPlainDate: () => ({ year: t.year, month: t.month, day: t.day }),
    toZonedDateTime(tz: string | { timeZone: string }) {
      const zoned = {
        ...t,
        timeZoneId: typeof tz === 'string' ? tz : tz.timeZone,
        toPlainDateTime: () => plain,
        withTimeZone: () => zoned,
      };
      return zoned;
    },
  };
  // The Temporal types are not in lib ES2023; ical-generator duck-types them.
  return plain as unknown as Date;
}
