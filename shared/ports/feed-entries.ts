import type { Announcement } from '../domain/announcement';

/**
 * One announcement's move in the feed index, as a stream batch reports it:
 * where it is now (`current`, undefined once the item is gone) and every
 * earlier state the batch saw (`earlier`), whose feeds it may have left.
 */
export type EntryMove = { current?: Announcement; earlier: Announcement[] };

/**
 * The feed index as a projection the publisher keeps: an admin write stores
 * only the announcement (and its audit and idempotency records), and the
 * publisher, from the stream's before and after images, puts the item into
 * the feeds it is in and takes it out of the feeds it left, before it reads
 * them. Writes are conditional on the item's version, so a replayed older
 * record never overwrites a newer entry.
 */
export interface FeedEntries {
  project(moves: EntryMove[]): Promise<void>;
  /**
   * The same moves, taken as they are only if each `current` is still the
   * stored version (checked in the same write); false, writing nothing,
   * otherwise. Saves the read before a projection in the usual case.
   */
  projectIfCurrent?(moves: EntryMove[]): Promise<boolean>;
}
