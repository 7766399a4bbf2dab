import type { FeedEntries, EntryMove } from '../ports/feed-entries';
import type { Change } from './publish-run';

/**
 * One move per announcement in a batch, in stream order: the last record's
 * after image is where the item is now, and every image before it is a
 * state whose feeds it may have left (records of one item arrive in order).
 */
export function movesOf(changes: Change[]): EntryMove[] {
  const moves = new Map<string, EntryMove>();
  for (const c of changes) {
    const id = (c.after ?? c.before)?.id;
    if (!id) continue;
    const move = moves.get(id) ?? { earlier: [] };
    if (move.current) move.earlier.push(move.current);
    if (c.before) move.earlier.push(c.before);
    move.current = c.after;
    moves.set(id, move);
  }
  return [...moves.values()];
}

/**
 * The publish's first step: brings the feed index up to the batch's changes,
 * so the feed reads that follow (consistent) see them. An admin POST writes
 * one announcement, not one entry per feed; the publisher keeps the entries.
 */
export async function projectEntries(entries: FeedEntries, changes: Change[]): Promise<void> {
  const moves = movesOf(changes);
  if (moves.length) await entries.project(moves);
}
