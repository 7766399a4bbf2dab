import { BatchWriteCommand } from '@aws-sdk/lib-dynamodb';
import { ANNOUNCEMENT, FEED_ENTRY, announcementKey, feedEntryKeys, feedEntrySnapshot, listIndexKeys } from '../../shared/adapters/table-keys';
import type { Announcement } from '../../shared/domain/announcement';
import { feedsOf } from '../../shared/domain/feeds';
import type { Emulators } from '../support/emulators';

/**
 * Writes announcements straight to the table with their feed entries (as the
 * publisher's projection leaves them), 25 a batch on 8 workers, and returns
 * the feeds they are in: the rebuild benches' corpus without the API's cost.
 */
export async function seedTable(emu: Emulators, announcements: Iterable<Announcement>): Promise<string[]> {
  const items: Record<string, unknown>[] = [];
  const keys = new Set<string>();
  for (const a of announcements) {
    items.push({ ...announcementKey(a.id), ...listIndexKeys(a), type: ANNOUNCEMENT, ...a });
    // With its version, as the projection writes it (a rebuild rewrites entries without one).
    for (const key of feedEntryKeys(a)) items.push({ ...key, type: FEED_ENTRY, version: a.version, announcement: feedEntrySnapshot(a) });
    for (const key of feedsOf(a)) keys.add(key);
  }
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      let pending = items.slice(next, (next += 25)).map((Item) => ({ PutRequest: { Item } }));
      while (pending.length) {
        const out = await emu.doc.send(new BatchWriteCommand({ RequestItems: { [emu.table]: pending } }));
        pending = (out.UnprocessedItems?.[emu.table] ?? []) as typeof pending;
      }
    }
  };
  await Promise.all(Array.from({ length: 8 }, worker));
  return [...keys];
}
