import { BatchWriteCommand } from '@aws-sdk/lib-dynamodb';
import { archivePagesPartition, ARCHIVE_PAGE_BOUNDARY } from '../../shared/adapters/dynamo-archive-pages';
import { feedEntryKeys, feedEntrySnapshot, FEED_ENTRY } from '../../shared/adapters/table-keys';
import { ARCHIVE_PAGE_SIZE, entrySortKey, monthOfKey } from '../../shared/domain/archive-pages';
import { feedsOf } from '../../shared/domain/feeds';
import type { startEmulators } from '../support/emulators';
import { benchAnnouncement, type Distribution } from './corpus';

type Emu = Awaited<ReturnType<typeof startEmulators>>;

/** Writes items with BatchWriteItem, 8 batches in flight, retrying what DynamoDB leaves unprocessed. */
async function batchWrite(emu: Emu, items: Record<string, unknown>[]): Promise<void> {
  const batches: Record<string, unknown>[][] = [];
  for (let i = 0; i < items.length; i += 25) batches.push(items.slice(i, i + 25));
  let next = 0;
  const worker = async () => {
    while (next < batches.length) {
      const batch = batches[next++]!;
      let pending: Record<string, unknown>[] = batch.map((Item) => ({ PutRequest: { Item } }));
      while (pending.length) {
        const out = await emu.doc.send(new BatchWriteCommand({ RequestItems: { [emu.table]: pending as never } }));
        pending = (out.UnprocessedItems?.[emu.table] ?? []) as Record<string, unknown>[];
      }
    }
  };
  await Promise.all(Array.from({ length: 8 }, worker));
}

/**
 * Seeds the feed entries of bench items (newest first, in calls of [from, to))
 * straight into the table, with the archive page boundaries the publisher
 * would have stored for everything seeded so far: one every
 * ARCHIVE_PAGE_SIZE entries of each feed's month from its oldest (boundaries
 * of earlier calls stay, so pages only shrink).
 */
export function feedIndexSeeder(emu: Emu, distribution: Distribution): (from: number, to: number) => Promise<void> {
  // Per feed and month, the seeded sort keys, newest first (later items are older).
  const byFeedMonth = new Map<string, string[]>();
  return async (from, to) => {
    const items: Record<string, unknown>[] = [];
    for (let i = from; i < to; i++) {
      const a = benchAnnouncement(i, distribution);
      const snapshot = feedEntrySnapshot(a);
      for (const key of feedEntryKeys(a)) items.push({ ...key, type: FEED_ENTRY, announcement: snapshot });
      for (const feed of feedsOf(a)) {
        const at = `${feed} ${monthOfKey(entrySortKey(a))}`;
        const keys = byFeedMonth.get(at) ?? [];
        keys.push(entrySortKey(a));
        byFeedMonth.set(at, keys);
      }
    }
    for (const [at, keys] of byFeedMonth) {
      const feed = at.slice(0, at.indexOf(' '));
      for (let k = ARCHIVE_PAGE_SIZE; k < keys.length; k += ARCHIVE_PAGE_SIZE) {
        items.push({ pk: archivePagesPartition(feed), sk: keys[keys.length - 1 - k], type: ARCHIVE_PAGE_BOUNDARY, feed });
      }
    }
    await batchWrite(emu, items);
  };
}
