import { describe, expect, it } from '@jest/globals';
import { longDate } from '../../../shared/render/html';

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
