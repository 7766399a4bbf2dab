import { describe, expect, it } from '@jest/globals';
import ICAL from 'ical.js';
import { AnnouncementInput } from '../../shared/domain/announcement';
import { ValidationError } from '../../shared/domain/errors';
import { parseOrThrow } from '../../shared/domain/validation';
import { makePublisherService } from '../../shared/services/publisher-service';
import { MEETING_EVENT, MemoryObjectStore, REACH_INPUTS, reachStore, SITE } from './support/reach-fixtures';

/**
 * iCalendar as a calendar app reads it: every .ics the publisher writes is
 * parsed with ical.js (Mozilla's parser) and compared with what was posted.
 */
const { store, byKey } = await reachStore();
const objects = new MemoryObjectStore();
const publisher = makePublisherService({ index: store, registry: store, notifyHubs: async () => undefined, objects, hashes: objects.hashes, site: SITE, pageSize: 50 });
await publisher.publishChanges(Object.values(byKey).map((after) => ({ after })));

function vevents(key: string) {
  const root = new ICAL.Component(ICAL.parse(objects.body(key)));
  for (const tz of root.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(new ICAL.Timezone(tz));
  return { root, events: root.getAllSubcomponents('vevent').map((c) => new ICAL.Event(c)) };
}

describe('events.ics', () => {
  it('is written for the site and every tag, as text/calendar', () => {
    const calendars = [...objects.objects.keys()].filter((k) => k.endsWith('events.ics')).sort();
    expect(calendars).toEqual(expect.arrayContaining(['feeds/events.ics', 'feeds/tags/7msp/events.ics', 'feeds/tags/seminar/events.ics']));
    for (const key of calendars) expect(objects.objects.get(key)!.contentType).toBe('text/calendar; charset=utf-8');
  });

  it('carries the meeting as posted: TZID Europe/Zurich, venue, URL, UID from the id, SEQUENCE = edits', () => {
    const msp7 = byKey.msp7!;
    for (const key of ['feeds/events.ics', 'feeds/tags/7msp/events.ics']) {
      const { root, events } = vevents(key);
      expect(root.getFirstPropertyValue('version')).toBe('2.0');
      expect(root.getFirstSubcomponent('vtimezone')?.getFirstPropertyValue('tzid')).toBe('Europe/Zurich');
      const meeting = events.find((e) => e.uid.startsWith(msp7.id))!;
      expect(meeting.uid).toBe(`${msp7.id}@news.example.org`);
      expect(meeting.summary).toBe(msp7.title);
      expect(meeting.component.getFirstProperty('dtstart')?.getParameter('tzid')).toBe('Europe/Zurich');
      expect(meeting.startDate.zone?.tzid).toBe('Europe/Zurich');
      expect(meeting.startDate.toString()).toBe('2017-09-04T10:00:00');
      expect(meeting.endDate.toString()).toBe('2017-09-06T18:00:00');
      expect(meeting.startDate.toJSDate().toISOString()).toBe('2017-09-04T08:00:00.000Z');
      expect(meeting.endDate.toJSDate().toISOString()).toBe('2017-09-06T16:00:00.000Z');
      expect(meeting.location).toBe('Palais des Nations, Geneva, Switzerland');
      expect(meeting.component.getFirstPropertyValue('url')).toBe(`${SITE.siteUrl}/news/${msp7.slug}-${msp7.id.slice(0, 8)}/`);
      expect(msp7.version).toBe(2);
      expect(meeting.sequence).toBe(1);
      expect(meeting.component.getFirstPropertyValue('status')).toBe('CONFIRMED');
      expect(meeting.component.getFirstPropertyValue('dtstamp')?.toString()).toBe(msp7.updatedAt.replace('.000Z', 'Z'));
    }
  });

  it('writes an all-day event as DATE values with an exclusive DTEND', () => {
    const { events } = vevents('feeds/tags/seminar/events.ics');
    const bangkok = events.find((e) => e.uid.startsWith(byKey.bangkok!.id))!;
    expect(bangkok.startDate.isDate).toBe(true);
    expect(bangkok.startDate.toString()).toBe('2017-03-16');
    expect(bangkok.endDate.toString()).toBe('2017-03-18');
    expect(bangkok.location).toBe('Bangkok, Thailand');
  });

  it('marks a called-off event CANCELLED and gives its online URL', () => {
    const { events } = vevents('feeds/events.ics');
    const webinar = events.find((e) => e.uid.startsWith(byKey.webinar!.id))!;
    expect(webinar.component.getFirstPropertyValue('status')).toBe('CANCELLED');
    expect(webinar.location).toBe('https://meet.example.org/cmc?room=1&lang=en');
    expect(webinar.startDate.toJSDate().toISOString()).toBe('2017-06-20T15:00:00.000Z');
  });

  it('lists only announcements with an event, each once', () => {
    const { events } = vevents('feeds/events.ics');
    const ids = events.map((e) => e.uid.split('@')[0]).sort();
    expect(ids).toEqual([byKey.msp7!.id, byKey.bangkok!.id, byKey.webinar!.id].sort());
  });

  it('gives the same bytes on a rebuild (pure render), so nothing is rewritten', async () => {
    const before = objects.puts.length;
    const report = await publisher.rebuildAll();
    expect(report.written).toEqual([]);
    expect(objects.puts.length).toBe(before);
  });
});

describe('event validation', () => {
  const base = { ...REACH_INPUTS.msp7!, status: 'published' };
  const paths = (input: unknown) => {
    try {
      parseOrThrow(AnnouncementInput, input);
    } catch (err) {
      if (err instanceof ValidationError) return err.details.map((d) => d.path);
      throw err;
    }
    return [];
  };

  it('refuses an unknown or abbreviated time zone, naming event.timeZone', () => {
    expect(paths({ ...base, event: { ...MEETING_EVENT, timeZone: 'Europe/Genf' } })).toEqual(['event.timeZone']);
    expect(paths({ ...base, event: { ...MEETING_EVENT, timeZone: 'CEST' } })).toEqual(['event.timeZone']);
  });

  it('refuses an end before the start, naming event.end', () => {
    expect(paths({ ...base, event: { ...MEETING_EVENT, end: '2017-09-03T18:00' } })).toEqual(['event.end']);
    expect(paths({ ...base, event: { ...MEETING_EVENT, start: '2017-02-30T10:00' } })).toEqual(['event.start']);
    expect(paths({ ...base, event: { ...MEETING_EVENT, allDay: true } })).toEqual(['event.start', 'event.end']);
  });

  it('stores the canonical wall time', () => {
    expect(parseOrThrow(AnnouncementInput, base).event).toMatchObject({ start: '2017-09-04T10:00:00', allDay: false, cancelled: false });
  });
});
