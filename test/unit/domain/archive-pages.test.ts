import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { entrySortKey, groupByPage, inPage, pageIndexOf, pagePath, pagesOf, splitPoints } from '../../../shared/domain/archive-pages';

/** The pure partitioning of a month's archive into pages: paths, lookup, grouping and splitting. */
const item = (t: number, n: number) => ({ id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`, publishedAt: new Date(Date.UTC(2026, 9, 1) + t * 1000).toISOString(), updatedAt: '' });

describe('archive pages', () => {
  it('names a month first page by the month alone and a later page by its start time and id', () => {
    expect(pagePath({ month: '2026-10' })).toBe('2026-10');
    expect(pagePath({ month: '2026-10', start: '2026-10-05T07:08:09.010Z#0b4a9c3e-1d2f-4a5b-8c7d-000000000001' })).toBe(
      '2026-10/20261005T070809010Z-0b4a9c3e-1d2f-4a5b-8c7d-000000000001',
    );
  });

  it('builds a month pages from its own boundaries only, sorted, duplicates once', () => {
    const pages = pagesOf('2026-10', ['2026-10-20T00:00:00.000Z#b', '2026-09-30T00:00:00.000Z#x', '2026-10-10T00:00:00.000Z#a', '2026-10-10T00:00:00.000Z#a']);
    expect(pages).toEqual([
      { month: '2026-10', start: undefined, end: '2026-10-10T00:00:00.000Z#a' },
      { month: '2026-10', start: '2026-10-10T00:00:00.000Z#a', end: '2026-10-20T00:00:00.000Z#b' },
      { month: '2026-10', start: '2026-10-20T00:00:00.000Z#b', end: undefined },
    ]);
    expect(pageIndexOf(pages, '2026-10-01T00:00:00.000Z#z')).toBe(0);
    expect(pageIndexOf(pages, '2026-10-10T00:00:00.000Z#a')).toBe(1);
    expect(pageIndexOf(pages, '2026-10-31T00:00:00.000Z#z')).toBe(2);
    expect(inPage(pages[0]!, '2026-10-10T00:00:00.000Z#a')).toBe(false);
    expect(inPage(pages[2]!, '2026-11-01T00:00:00.000Z#a')).toBe(false);
  });

  it('splits only a page over the limit, at its median, until every part fits', () => {
    const keys = (n: number) => Array.from({ length: n }, (_, i) => String(i).padStart(4, '0'));
    expect(splitPoints(keys(200), 200)).toEqual([]);
    expect(splitPoints(keys(201), 200)).toEqual(['0100']);
    expect(splitPoints(keys(1000), 200)).toEqual(['0125', '0250', '0375', '0500', '0625', '0750', '0875']);
  });

  it('partitions any month: every item on exactly one page, no page over the limit after splitting', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: 0, max: 30 * 86400 }), { maxLength: 700 }), fc.integer({ min: 2, max: 50 }), (times, max) => {
        const items = times.map((t, n) => item(t, n)).sort((a, b) => entrySortKey(b).localeCompare(entrySortKey(a)));
        const boundaries = splitPoints(items.map(entrySortKey).reverse(), max);
        const pages = pagesOf('2026-10', boundaries);
        const groups = groupByPage(pages, items);
        expect(groups.flat().map(entrySortKey).sort()).toEqual(items.map(entrySortKey).sort());
        groups.forEach((g, i) => {
          expect(g.length).toBeLessThanOrEqual(max);
          for (const a of g) expect(pageIndexOf(pages, entrySortKey(a))).toBe(i);
        });
      }),
      { numRuns: 60 },
    );
  });
});
