import { describe, expect, it } from '@jest/globals';
import type { Announcement } from '../../../shared/domain/announcement';
import { monthsNear } from '../../../shared/services/archive-months';

/** Items newest first, as the feed index returns them, one per given month. */
const items = (...months: string[]) => months.map((m, i) => ({ id: `a${i}`, publishedAt: `${m}-10T00:00:00.000Z`, updatedAt: `${m}-10T00:00:00.000Z` }) as Announcement);

function setup(latest: Announcement[], limit: number) {
  const asked: string[] = [];
  const history = {
    adjacentMonth: async (_feed: string, month: string, direction: 'before' | 'after') => {
      asked.push(`${direction} ${month}`);
      return direction === 'before' ? '2001-01' : '2099-12';
    },
  };
  return { asked, near: monthsNear(history, 'site', async () => latest, limit) };
}

describe('monthsNear', () => {
  it('reads the months around a recent month from the newest items, without a Query', async () => {
    // Prepare: the newest items reach from March back to January.
    const { asked, near } = setup(items('2030-03', '2030-02', '2030-02', '2030-01'), 4);
    // Act / Assess
    expect(await near.before('2030-02')).toBe('2030-01');
    expect(await near.after('2030-02')).toBe('2030-03');
    expect(await near.after('2030-03')).toBeUndefined();
    expect(await near.before('2030-04')).toBe('2030-03');
    expect(asked).toEqual([]);
  });

  it('knows there is nothing before when the feed holds fewer items than were asked for', async () => {
    const { asked, near } = setup(items('2030-03', '2030-02'), 50);
    expect(await near.before('2030-02')).toBeUndefined();
    expect(await near.after('2029-06')).toBe('2030-02');
    expect(asked).toEqual([]);
  });

  it('asks the index, once, when the newest items do not reach the month', async () => {
    // Prepare: a full window, all in March.
    const { asked, near } = setup(items('2030-03', '2030-03', '2030-03'), 3);
    // Act
    const before = [await near.before('2030-03'), await near.before('2030-03')];
    const after = await near.after('2029-11');
    // Assess
    expect(before).toEqual(['2001-01', '2001-01']);
    expect(after).toBe('2099-12');
    expect(asked).toEqual(['before 2030-03', 'after 2029-11']);
  });
});
