import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DescribeStreamCommand, GetRecordsCommand, GetShardIteratorCommand } from '@aws-sdk/client-dynamodb-streams';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import type { DynamoDBRecord } from 'aws-lambda';
import { announcementItem, auditPut } from '../../shared/adapters/dynamo-announcement-items';
import { DynamoAnnouncementStore } from '../../shared/adapters/dynamo-announcement-store';
import { decodeStreamBatch } from '../../shared/adapters/dynamo-stream';
import { transactWrite } from '../../shared/adapters/dynamo-transact';
import { auditOf } from '../../shared/domain/audit';
import { VersionConflict } from '../../shared/ports/announcement-store';
import { announcement, countingStore, edited, partitionOf } from '../support/create-audit-fixtures';
import { startEmulators, type Emulators } from '../support/emulators';

/**
 * The history of an announcement whose create's audit record rides on its
 * item: the first edit moves it to its own H# item in the same transaction,
 * so history reads the same before and after, and races still lose whole.
 */
let emu: Emulators;
let store: DynamoAnnouncementStore;

beforeAll(async () => {
  emu = await startEmulators();
  store = new DynamoAnnouncementStore(emu.doc, emu.table);
});
afterAll(() => emu.stop());

describe('history', () => {
  it('is the create alone, then moves to H# items at the first edit, and keeps its shape at the second', async () => {
    const v1 = announcement();
    const created = auditOf('create', undefined, v1);
    await store.create(v1, created);
    expect((await partitionOf(emu, v1.id)).map((i) => i.sk)).toEqual(['A']);
    expect(await store.history(v1.id)).toEqual([created]);

    const read1 = (await store.get(v1.id))!;
    const v2 = edited(read1, 'bo', { title: 'Kampala, Uganda' });
    await store.replace(v2, read1, auditOf('update', read1, v2));
    const afterFirst = await partitionOf(emu, v1.id);
    expect(afterFirst.map((i) => i.sk)).toEqual(['A', 'H#0000000001', 'H#0000000002']);
    expect(afterFirst[0]!.createAudit).toBeUndefined();
    expect(await store.history(v1.id)).toEqual([auditOf('update', v1, v2), created]);

    const read2 = (await store.get(v1.id))!;
    const v3 = edited(read2, 'cy', { status: 'retracted', retractedAt: '2026-03-17T00:00:00.000Z' });
    await store.replace(v3, read2, auditOf('retract', read2, v3));
    expect((await partitionOf(emu, v1.id)).map((i) => i.sk)).toEqual(['A', 'H#0000000001', 'H#0000000002', 'H#0000000003']);
    expect(await store.history(v1.id)).toEqual([auditOf('retract', v2, v3), auditOf('update', v1, v2), created]);
  });

  it('is one Query, and a first edit one transaction after the read', async () => {
    const v1 = announcement();
    await store.create(v1, auditOf('create', undefined, v1));
    const counted = countingStore(emu);
    const read = (await counted.store.get(v1.id))!;
    await counted.store.replace(edited(read, 'bo'), read, auditOf('update', read, edited(read, 'bo')));
    await counted.store.history(v1.id);
    counted.stop();
    expect(counted.sent).toEqual(['GetItemCommand', 'TransactWriteItemsCommand', 'QueryCommand']);
  });

  it('of an item written before records rode on it (its own H# item) reads and edits the same', async () => {
    const v1 = announcement();
    const created = auditOf('create', undefined, v1);
    await emu.doc.send(new PutCommand({ TableName: emu.table, Item: announcementItem(v1) }));
    await transactWrite(emu.doc, [auditPut(emu.table, created)]);
    expect(await store.history(v1.id)).toEqual([created]);

    const counted = countingStore(emu);
    const read = (await counted.store.get(v1.id))!;
    const v2 = edited(read, 'bo');
    await counted.store.replace(v2, read, auditOf('update', read, v2));
    counted.stop();
    expect(counted.sent).toEqual(['GetItemCommand', 'TransactWriteItemsCommand']);
    expect(await store.history(v1.id)).toEqual([auditOf('update', v1, v2), created]);
  });
});

describe('an edit racing', () => {
  it('another edit from the same version: one wins whole, the other is a VersionConflict that writes nothing', async () => {
    const v1 = announcement();
    const created = auditOf('create', undefined, v1);
    await store.create(v1, created);
    const [readA, readB] = [(await store.get(v1.id))!, (await store.get(v1.id))!];
    const [a, b] = [edited(readA, 'ana', { title: 'A' }), edited(readB, 'bo', { title: 'B' })];

    const results = await Promise.allSettled([store.replace(a, readA, auditOf('update', readA, a)), store.replace(b, readB, auditOf('update', readB, b))]);

    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    expect(results.find((r) => r.status === 'rejected')).toMatchObject({ reason: expect.any(VersionConflict) });
    const winner = results[0]!.status === 'fulfilled' ? a : b;
    expect(await store.get(v1.id)).toEqual(winner);
    expect(await store.history(v1.id)).toEqual([auditOf('update', v1, winner), created]);
  });

  it('its create, with a version-1 copy the store never read: the record still moves, and a stale copy loses', async () => {
    const v1 = announcement();
    const created = auditOf('create', undefined, v1);
    await store.create(v1, created);
    const copy = { ...v1 };
    const v2 = edited(copy, 'bo');
    await store.replace(v2, copy, auditOf('update', copy, v2));
    expect(await store.history(v1.id)).toEqual([auditOf('update', v1, v2), created]);

    const stale = edited({ ...v1 }, 'cy', { title: 'late' });
    await expect(store.replace(stale, { ...v1 }, auditOf('update', v1, stale))).rejects.toBeInstanceOf(VersionConflict);
    expect(await store.get(v1.id)).toEqual(v2);
    expect((await partitionOf(emu, v1.id)).map((i) => i.sk)).toEqual(['A', 'H#0000000001', 'H#0000000002']);
  });
});

describe('the stream', () => {
  it('carries one record per create, and the publisher sees the announcement without the record, before and after the first edit', async () => {
    const v1 = announcement({ tags: ['stream-check'] });
    const ofV1 = (records: DynamoDBRecord[]) => records.filter((r) => r.dynamodb?.Keys?.pk?.S === `ANN#${v1.id}`);
    await store.create(v1, auditOf('create', undefined, v1));
    expect(ofV1(await streamRecords()).map((r) => `${r.eventName} ${r.dynamodb?.Keys?.sk?.S}`)).toEqual(['INSERT A']);
    const read = (await store.get(v1.id))!;
    const v2 = edited(read, 'bo');
    await store.replace(v2, read, auditOf('update', read, v2));

    const mine = ofV1(await streamRecords());
    // Items of one transaction reach the stream in no promised order; the item's own records in order.
    expect(mine.map((r) => `${r.eventName} ${r.dynamodb?.Keys?.sk?.S}`).sort()).toEqual(['INSERT A', 'INSERT H#0000000001', 'INSERT H#0000000002', 'MODIFY A']);
    expect(decodeStreamBatch(mine).changes).toEqual([{ before: undefined, after: v1 }, { before: v1, after: v2 }]);
  });
});

/** Every record of the table's stream so far, as the publisher's handler receives them. */
async function streamRecords(): Promise<DynamoDBRecord[]> {
  const { StreamDescription } = await emu.streams.send(new DescribeStreamCommand({ StreamArn: emu.streamArn }));
  const records: DynamoDBRecord[] = [];
  for (const shard of StreamDescription?.Shards ?? []) {
    let iterator = (await emu.streams.send(new GetShardIteratorCommand({ StreamArn: emu.streamArn, ShardId: shard.ShardId!, ShardIteratorType: 'TRIM_HORIZON' }))).ShardIterator;
    while (iterator) {
      const page = await emu.streams.send(new GetRecordsCommand({ ShardIterator: iterator }));
      records.push(...((page.Records ?? []) as DynamoDBRecord[]));
      if (!page.Records?.length) break;
      iterator = page.NextShardIterator;
    }
  }
  return records;
}
