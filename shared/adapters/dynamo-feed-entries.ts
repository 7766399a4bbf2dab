import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Announcement } from '../domain/announcement';
import { HeraldError } from '../domain/errors';
import type { EntryMove, FeedEntries } from '../ports/feed-entries';
import { TransactionConditionFailed, transactWrite, type TransactItem } from './dynamo-transact';
import { FEED_ENTRY, announcementKey, feedEntryKeys, feedEntrySnapshot } from './table-keys';

/** Items per TransactWriteItems (DynamoDB's limit). */
const ITEMS_PER_WRITE = 100;
/**
 * Bytes of entries per transaction, as JSON (a little more than DynamoDB
 * counts): under its 4 MB a transaction. An announcement's entries together
 * must fit too (assertEntriesFit), as when the POST wrote them itself.
 */
export const ENTRY_BYTES_PER_WRITE = 3_800_000;

const entryOf = (a: Announcement, key: { pk: string; sk: string }) => ({ ...key, type: FEED_ENTRY, version: a.version, announcement: feedEntrySnapshot(a) });
const sizeOf = (item: unknown) => Buffer.byteLength(JSON.stringify(item));

/**
 * An announcement whose copies in its feeds could not be written as one
 * transaction is refused with a 413, before anything is stored: each feed
 * entry holds the item's HTML, so a long body with many tags can exceed
 * DynamoDB's limits although the request itself is small.
 */
export function assertEntriesFit(a: Announcement): void {
  const keys = feedEntryKeys(a);
  if (keys.length === 0 || sizeOf(entryOf(a, keys[0]!)) * keys.length <= ENTRY_BYTES_PER_WRITE) return;
  throw new HeraldError(
    413,
    'payload_too_large',
    `this announcement is too large to store with its ${a.tags.length} tag(s): every feed it is in keeps a copy of its HTML; shorten the body or use fewer tags`,
  );
}

/** The conditional writes of one move: Puts for the feeds it is in, Deletes for those it left. */
export function writesOf(table: string, move: EntryMove): { item: TransactItem; bytes: number }[] {
  const keep = feedEntryKeys(move.current);
  const kept = new Set(keep.map((k) => `${k.pk}|${k.sk}`));
  const version = move.current?.version ?? Math.max(...move.earlier.map((a) => a.version));
  const left = new Map(move.earlier.flatMap(feedEntryKeys).filter((k) => !kept.has(`${k.pk}|${k.sk}`)).map((k) => [`${k.pk}|${k.sk}`, k]));
  // Entries written before entries carried a version have none: any version replaces them.
  // A Put only replaces an older version: a replayed batch rewrites nothing (and adds no stream records).
  const values = { ':v': version };
  const puts = keep.map((key) => {
    const Item = entryOf(move.current!, key);
    const put = { TableName: table, Item, ConditionExpression: 'attribute_not_exists(version) OR version < :v', ExpressionAttributeValues: values };
    return { item: { Put: put }, bytes: sizeOf(Item) };
  });
  const deletes = [...left.values()].map((Key) => ({
    item: { Delete: { TableName: table, Key, ConditionExpression: 'attribute_not_exists(version) OR version <= :v', ExpressionAttributeValues: values } },
    bytes: 100,
  }));
  return [...puts, ...deletes];
}

/** Transactions of at most ITEMS_PER_WRITE items and ENTRY_BYTES_PER_WRITE bytes. */
function chunks(writes: { item: TransactItem; bytes: number }[]): TransactItem[][] {
  const out: TransactItem[][] = [];
  let current: TransactItem[] = [];
  let bytes = 0;
  for (const w of writes) {
    if (current.length && (current.length >= ITEMS_PER_WRITE || bytes + w.bytes > ENTRY_BYTES_PER_WRITE)) {
      out.push(current);
      current = [];
      bytes = 0;
    }
    current.push(w.item);
    bytes += w.bytes;
  }
  if (current.length) out.push(current);
  return out;
}

/**
 * Writes one transaction, leaving out the items whose version condition
 * failed (a newer entry is already there) and retrying the rest.
 */
async function writeSkippingNewer(doc: DynamoDBDocumentClient, items: TransactItem[]): Promise<void> {
  let rest = items;
  while (rest.length) {
    try {
      return await transactWrite(doc, rest);
    } catch (err) {
      if (!(err instanceof TransactionConditionFailed)) throw err;
      const failed = new Set(err.failed);
      rest = rest.filter((_, i) => !failed.has(i));
    }
  }
}

/**
 * FeedEntries on DynamoDB: a batch's moves as few TransactWriteItems as the
 * limits allow, sent together. A transaction rather than BatchWriteItem,
 * because only single-item writes and transactions take conditions.
 */
export class DynamoFeedEntries implements FeedEntries {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly table: string,
  ) {}

  async project(moves: EntryMove[]): Promise<void> {
    const writes = moves.flatMap((m) => writesOf(this.table, m));
    await Promise.all(chunks(writes).map((items) => writeSkippingNewer(this.doc, items)));
  }

  /**
   * The moves as one transaction that also checks each item is still stored
   * at the version its move names: then that image is the stored state, and
   * no read is needed first. False, with nothing written, when one is not
   * (a replayed or overtaken record), when an entry is already newer, or
   * when the moves do not fit one transaction: the caller reads and projects.
   */
  async projectIfCurrent(moves: EntryMove[]): Promise<boolean> {
    const current = moves.map((m) => m.current);
    if (current.some((a) => !a)) return false;
    const writes = moves.flatMap((m) => writesOf(this.table, m));
    const bytes = writes.reduce((sum, w) => sum + w.bytes, 0);
    if (writes.length + moves.length > ITEMS_PER_WRITE || bytes > ENTRY_BYTES_PER_WRITE) return false;
    const checks: TransactItem[] = current.map((a) => ({
      ConditionCheck: { TableName: this.table, Key: announcementKey(a!.id), ConditionExpression: 'version = :v', ExpressionAttributeValues: { ':v': a!.version } },
    }));
    try {
      await transactWrite(this.doc, [...checks, ...writes.map((w) => w.item)]);
      return true;
    } catch (err) {
      if (err instanceof TransactionConditionFailed) return false;
      throw err;
    }
  }
}
