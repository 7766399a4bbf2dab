import { describe, expect, it, jest } from '@jest/globals';
import { eventWhen, longDate } from '../../../shared/render/html';

/** Page dates: in the page's language, in UTC, and never a crash on odd input. */
describe('longDate', () => {
  it('writes the date in the language given, in UTC whatever the hour', () => {
    expect(longDate('2026-05-12T23:30:00Z', 'en')).toBe('May 12, 2026');
    expect(longDate('2026-05-12T23:30:00Z', 'fr')).toBe('12 mai 2026');
    expect(longDate('2026-05-12T00:10:00Z', 'es')).toBe('12 de mayo de 2026');
  });

  it('gives the same answer on repeated calls in alternating languages (formatters are reused)', () => {
    const calls = ['en', 'fr', 'en', 'fr'].map((l) => longDate('2026-01-02T03:04:05Z', l));
    expect(calls).toEqual(['January 2, 2026', '2 janvier 2026', 'January 2, 2026', '2 janvier 2026']);
  });

  it('falls back to the ISO day for a language Intl rejects or a date it cannot read', () => {
    expect(longDate('2026-05-12T10:00:00Z', 'not a tag!')).toBe('2026-05-12');
    expect(longDate('2026-13-45', 'en')).toBe('2026-13-45');
  });
});

describe('eventWhen', () => {
  const meeting = { start: '2017-09-04T10:00:00', end: '2017-09-06T18:00:00', allDay: false, timeZone: 'Europe/Zurich' };
  const seminar = { start: '2017-03-16', end: '2017-03-17', allDay: true, timeZone: 'Asia/Bangkok' };

  it('writes wall times as given, in the language given, with the zone when not all-day', () => {
    expect(eventWhen(meeting, 'en')).toBe('September 4, 2017 at 10:00 AM – September 6, 2017 at 6:00 PM (Europe/Zurich)');
    expect(eventWhen(seminar, 'fr')).toBe('16 mars 2017 – 17 mars 2017');
    expect(eventWhen(seminar, 'not a tag!')).toBe('2017-03-16 – 2017-03-17');
  });

  it('builds one formatter per style and language, however many events a page or home page shows', () => {
    const built = jest.spyOn(Intl, 'DateTimeFormat');
    try {
      for (let i = 0; i < 50; i++) eventWhen(meeting, 'de'), eventWhen(seminar, 'de'), longDate('2017-09-04T10:00:00Z', 'de');
      expect(built).toHaveBeenCalledTimes(2);
    } finally {
      built.mockRestore();
    }
  });
});
