import type { EntryMove } from '../ports/feed-entries';
import type { FeedIndex } from '../ports/feed-index';
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
 * Each item is re-read (consistently, in one BatchGetItem per 100): its entries
 * follow its stored state, never an image, so a replayed, duplicated or
 * reversed record cannot put back a feed the item has left; every image's
 * feeds that the stored state is not in lose their entry. When every last
 * image is still the stored version (checked in the same transaction), the
 * read is skipped: one round trip instead of two before the feeds are read.
 */
export async function projectEntries(index: Pick<FeedIndex, 'get' | 'getMany' | 'project' | 'projectIfCurrent'>, changes: Change[]): Promise<void> {
  const moves = movesOf(changes);
  if (moves.length === 0) return;
  // Usually each last image is the stored version: the write checks that itself, and no read comes first.
  if (index.projectIfCurrent && (await index.projectIfCurrent(moves))) return;
  const ids = moves.map((m) => (m.current ?? m.earlier[0]!).id);
  const stored = index.getMany && ids.length > 1 ? await index.getMany(ids) : await Promise.all(ids.map((id) => index.get(id)));
  await index.project(moves.map((m, i) => ({ current: stored[i], earlier: m.current ? [...m.earlier, m.current] : m.earlier })));
}
