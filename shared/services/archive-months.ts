import type { Announcement } from '../domain/announcement';
import type { FeedKey } from '../domain/feeds';
import type { FeedHistory } from '../ports/feed-history';
import { monthOf } from '../render/feed-context';

/** The months next to a month that hold items of the feed (either may be none). */
export type MonthsNear = { before(month: string): Promise<string | undefined>; after(month: string): Promise<string | undefined> };

/**
 * The months around a changed one, read from the feed's newest items (which
 * the current documents need anyway) when those reach past it: a change to
 * a recent month then costs no Query for its neighbours. Otherwise one
 * keys-only Query each, asked once per month and direction.
 */
export function monthsNear(h: Pick<FeedHistory, 'adjacentMonth'>, key: FeedKey, latest: () => Promise<Announcement[]>, limit: number): MonthsNear {
  const asked = new Map<string, Promise<string | undefined>>();
  const once = (id: string, find: () => Promise<string | undefined>) => {
    let found = asked.get(id);
    if (!found) asked.set(id, (found = find()));
    return found;
  };
  return {
    before: (month) =>
      once(`<${month}`, async () => {
        const items = await latest();
        // Newest first: the first item older than the month is the newest before it.
        const older = items.find((a) => monthOf(a) < month);
        if (older) return monthOf(older);
        return items.length < limit ? undefined : h.adjacentMonth(key, month, 'before');
      }),
    after: (month) =>
      once(`>${month}`, async () => {
        const items = await latest();
        const newer = items.filter((a) => monthOf(a) > month);
        if (newer.length === 0) return undefined;
        // The newest items reach into or under the month (or are all there is): the oldest newer one is next.
        if (newer.length < items.length || items.length < limit) return monthOf(newer[newer.length - 1]!);
        return h.adjacentMonth(key, month, 'after');
      }),
  };
}
