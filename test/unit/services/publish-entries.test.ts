import { describe, expect, it } from '@jest/globals';
import type { Announcement } from '../../../shared/domain/announcement';
import { movesOf } from '../../../shared/services/publish-entries';

const a = (id: string, version: number) => ({ id, version, title: `${id} v${version}` }) as unknown as Announcement;

describe('movesOf', () => {
  it('makes one move per announcement: the last after image is current, every image before it earlier', () => {
    const moves = movesOf([{ after: a('x', 1) }, { before: a('y', 3), after: a('y', 4) }, { before: a('x', 1), after: a('x', 2) }]);
    expect(moves).toEqual([
      { current: a('x', 2), earlier: [a('x', 1), a('x', 1)] },
      { current: a('y', 4), earlier: [a('y', 3)] },
    ]);
  });

  it('leaves no current state for an item whose last record removed it', () => {
    expect(movesOf([{ before: a('z', 2), after: a('z', 3) }, { before: a('z', 3) }])).toEqual([{ current: undefined, earlier: [a('z', 2), a('z', 3), a('z', 3)] }]);
  });
});
