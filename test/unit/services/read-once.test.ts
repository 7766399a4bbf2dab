import { describe, expect, it } from '@jest/globals';
import type { Announcement } from '../../../shared/domain/announcement';
import { readOnce } from '../../../shared/services/read-once';

const item = (over: Partial<Announcement> = {}) => ({ id: 'a', version: 1, updatedAt: '2026-11-30T05:00:00.000Z', bodyHtml: '<p>x</p>', ...over }) as Announcement;

/** A cleaner that counts its calls and returns a new object each time, as the re-sanitiser does for a dirty body. */
function counting() {
  const calls: string[] = [];
  return { calls, clean: (a: Announcement) => (calls.push(a.id), { ...a }) };
}

describe('one object per announcement version in a run', () => {
  it('cleans a version once and hands the same object to every later read of it', () => {
    // Prepare
    const { calls, clean } = counting();
    const same = readOnce(clean);
    // Act: the same version read by three feeds, as three distinct objects
    const first = same(item());
    const second = same(item());
    const third = same(item());
    // Assess
    expect(second).toBe(first);
    expect(third).toBe(first);
    expect(calls).toEqual(['a']);
  });

  it('cleans afresh a new version, another item, or the same version with other stored HTML', () => {
    const { calls, clean } = counting();
    const same = readOnce(clean);
    const first = same(item());
    expect(same(item({ version: 2, updatedAt: '2026-11-30T06:00:00.000Z' }))).not.toBe(first);
    expect(same(item({ id: 'b' }))).not.toBe(first);
    const rewritten = same(item({ bodyHtml: '<p>rewritten in place</p>' }));
    expect(rewritten.bodyHtml).toBe('<p>rewritten in place</p>');
    expect(calls).toEqual(['a', 'a', 'b', 'a']);
  });

  it('does not hand a feed entry snapshot (no Markdown source) out for a full item, or the reverse', () => {
    const { clean } = counting();
    const same = readOnce(clean);
    const snapshot = same(item());
    const full = same(item({ body: 'x' }));
    expect(full).not.toBe(snapshot);
    expect(full.body).toBe('x');
  });

  it('starts afresh when full, so memory stays bounded', () => {
    const { calls, clean } = counting();
    const same = readOnce(clean, 2);
    same(item({ id: 'a' }));
    same(item({ id: 'b' }));
    same(item({ id: 'c' })); // clears a and b
    same(item({ id: 'a' }));
    expect(calls).toEqual(['a', 'b', 'c', 'a']);
  });
});
