import fc from 'fast-check';
import { parseFeedDate, parseRfc3339, parseRfc822 } from '../../../cli/import/dates';

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const pad = (n: number, w = 2) => String(Math.abs(n)).padStart(w, '0');

/** An instant (whole seconds) and an offset in minutes, as a source would write them. */
const instant = fc.record({
  t: fc.integer({ min: Date.UTC(1971, 0, 1) / 1000, max: Date.UTC(2099, 11, 31) / 1000 }).map((s) => s * 1000),
  offset: fc.integer({ min: -12 * 60, max: 14 * 60 }).map((m) => m - (m % 15)),
});
const wall = (t: number, offset: number) => new Date(t + offset * 60_000);
const zone = (offset: number, colon: boolean) => `${offset < 0 ? '-' : '+'}${pad(Math.trunc(offset / 60))}${colon ? ':' : ''}${pad(offset % 60)}`;

describe('RFC 822 dates', () => {
  it('reads any instant written with any numeric offset, with or without weekday and seconds', () => {
    fc.assert(
      fc.property(instant, fc.boolean(), ({ t, offset }, weekday) => {
        const w = wall(t, offset);
        const text = `${weekday ? `${DAYS[w.getUTCDay()]}, ` : ''}${pad(w.getUTCDate())} ${MONTHS[w.getUTCMonth()]} ${w.getUTCFullYear()} ${pad(w.getUTCHours())}:${pad(w.getUTCMinutes())}:${pad(w.getUTCSeconds())} ${zone(offset, false)}`;
        expect(parseRfc822(text)).toBe(new Date(t).toISOString());
      }),
    );
  });

  it('reads what Date#toUTCString writes (GMT)', () => {
    fc.assert(fc.property(instant, ({ t }) => expect(parseRfc822(new Date(t).toUTCString())).toBe(new Date(t).toISOString())));
  });

  it.each([
    ['4 Sep 17 09:00 GMT', '2017-09-04T09:00:00.000Z'],
    ['Mon, 04 Sep 2017 09:00:00 EDT', '2017-09-04T13:00:00.000Z'],
    ['Mon, 04 Sep 2017 09:00:00 PST', '2017-09-04T17:00:00.000Z'],
    ['Mon, 04 Sept 2017 09:00:00 UT', '2017-09-04T09:00:00.000Z'],
    ['Mon, 04 Sep 1999 09:00:00 Z', '1999-09-04T09:00:00.000Z'],
    ['04 Sep 99 09:00 +0000', '1999-09-04T09:00:00.000Z'],
  ])('reads %s', (text, iso) => expect(parseRfc822(text)).toBe(iso));

  it.each(['Mon, 04 Sep 2017 09:00:00', '31 Feb 2017 10:00 GMT', '04 Foo 2017 09:00 GMT', '04 Sep 2017 25:00 GMT', 'yesterday', '04 Sep 2017 09:00 XYZ'])('refuses %s', (text) =>
    expect(parseRfc822(text)).toBeUndefined(),
  );
});

describe('RFC 3339 dates', () => {
  it('reads any instant with any offset, T or space, upper or lower case, with fractions', () => {
    fc.assert(
      fc.property(instant, fc.constantFrom('T', 't', ' '), fc.integer({ min: 0, max: 999 }), ({ t, offset }, sep, ms) => {
        const w = wall(t + ms, offset);
        const z = offset === 0 ? 'z' : zone(offset, true);
        const text = `${w.getUTCFullYear()}-${pad(w.getUTCMonth() + 1)}-${pad(w.getUTCDate())}${sep}${pad(w.getUTCHours())}:${pad(w.getUTCMinutes())}:${pad(w.getUTCSeconds())}.${pad(ms, 3)}${z}`;
        expect(parseRfc3339(text)).toBe(new Date(t + ms).toISOString());
      }),
    );
  });

  it.each(['2017-09-04T09:00:00', '2017-02-30T09:00:00Z', '2017-9-4T09:00:00Z', '2017-09-04T09:00Z', '2017-09-04'])('refuses %s (no zone, no such day, not the format)', (text) =>
    expect(parseRfc3339(text)).toBeUndefined(),
  );

  it('parseFeedDate reads either', () => {
    expect(parseFeedDate('2017-09-04T09:00:00+02:00')).toBe('2017-09-04T07:00:00.000Z');
    expect(parseFeedDate('Mon, 04 Sep 2017 09:00:00 +0200')).toBe('2017-09-04T07:00:00.000Z');
  });
});
