import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { trimTrailingSlashes } from '../../../shared/http/path';

/** Paths rich in slashes: the case that matters. */
const slashy = fc.string({ unit: fc.constantFrom('/', '/', '/', 'a', 'x', '%2F', '\\', ' ', 'é') });

describe('trimTrailingSlashes', () => {
  it('removes exactly the trailing run of slashes: the rest is a prefix that does not end in a slash', () => {
    fc.assert(
      fc.property(slashy, (path) => {
        const trimmed = trimTrailingSlashes(path);

        expect(trimmed.endsWith('/')).toBe(false);
        expect(path.startsWith(trimmed)).toBe(true);
        expect(/^\/*$/.test(path.slice(trimmed.length))).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it('agrees with the regex it replaces on short inputs', () => {
    fc.assert(fc.property(slashy, (path) => expect(trimTrailingSlashes(path)).toBe(path.replace(/\/+$/, ''))), { numRuns: 2000 });
  });

  it('is idempotent and leaves a path without a trailing slash unchanged', () => {
    fc.assert(
      fc.property(slashy, (path) => {
        const once = trimTrailingSlashes(path);
        expect(trimTrailingSlashes(once)).toBe(once);
        expect(trimTrailingSlashes(`${path}x`)).toBe(`${path}x`);
      }),
    );
  });

  it('takes linear time: a million slashes and an x in well under a second', () => {
    const path = `${'/'.repeat(1_000_000)}x`;
    const started = performance.now();

    expect(trimTrailingSlashes(path)).toBe(path);
    expect(trimTrailingSlashes('/'.repeat(1_000_000))).toBe('');
    expect(performance.now() - started).toBeLessThan(200);
  });
});
