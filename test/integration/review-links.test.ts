import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DescribeTimeToLiveCommand } from '@aws-sdk/client-dynamodb';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { DynamoReviewLinkStore } from '../../shared/adapters/dynamo-review-link-store';
import type { ReviewLinkRecord } from '../../shared/ports/review-link-store';
import { TABLE_DEFINITION } from '../../shared/table-definition';
import { startEmulators, type Emulators } from '../support/emulators';

let emu: Emulators;
let store: DynamoReviewLinkStore;
beforeAll(async () => {
  emu = await startEmulators();
  store = new DynamoReviewLinkStore(emu.doc, emu.table);
});
afterAll(() => emu.stop());

const ANN = '00000000-0000-4000-8000-0000000000a1';
const link = (n: number, fields: Partial<ReviewLinkRecord> = {}): ReviewLinkRecord => ({
  id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
  announcementId: ANN,
  sha256: String(n).padStart(64, 'f'),
  createdBy: 'editor@example.org',
  createdAt: '2026-11-29T10:00:00.000Z',
  expiresAt: 1_800_000_000 + n,
  ...fields,
});
const itemsOf = async (announcementId: string) =>
  ((await emu.doc.send(new ScanCommand({ TableName: emu.table }))).Items ?? []).filter((i) => i.announcementId === announcementId);

describe('review links on DynamoDB Local', () => {
  it('finds a link by its hash with every field, and nothing by another hash', async () => {
    await store.create(link(1));
    expect(await store.findBySha256(link(1).sha256)).toEqual(link(1));
    expect(await store.findBySha256('0'.repeat(64))).toBeUndefined();
  });

  it('writes two items, each with the TTL attribute in epoch seconds, under the review prefixes', async () => {
    const a = '00000000-0000-4000-8000-0000000000a2';
    await store.create(link(2, { announcementId: a }));
    const items = await itemsOf(a);
    expect(items.map((i) => i.pk).sort()).toEqual([`REVIEW#${link(2).sha256}`, `REVIEWS#${a}`]);
    for (const i of items) expect(i[TABLE_DEFINITION.ttlAttribute]).toBe(link(2).expiresAt);
    const ttl = await emu.dynamo.send(new DescribeTimeToLiveCommand({ TableName: emu.table }));
    expect(ttl.TimeToLiveDescription?.AttributeName).toBe(TABLE_DEFINITION.ttlAttribute);
  });

  it('refuses a second link with the same token hash or id, keeping the first', async () => {
    await store.create(link(3));
    await expect(store.create(link(4, { sha256: link(3).sha256 }))).rejects.toMatchObject({ status: 409 });
    await expect(store.create(link(3, { sha256: '1'.repeat(64) }))).rejects.toMatchObject({ status: 409 });
    expect(await store.findBySha256('1'.repeat(64))).toBeUndefined();
    expect(await store.findBySha256(link(3).sha256)).toEqual(link(3));
  });

  it("lists an announcement's links only, and revocation removes both items at once", async () => {
    const listed = await store.list(ANN);
    expect(listed.map((l) => l.id)).toEqual(expect.arrayContaining([link(1).id, link(3).id]));
    expect(listed.every((l) => l.announcementId === ANN)).toBe(true);

    expect(await store.revoke(ANN, link(1).id)).toBe(true);

    expect(await store.findBySha256(link(1).sha256)).toBeUndefined();
    expect((await store.list(ANN)).map((l) => l.id)).not.toContain(link(1).id);
    expect((await itemsOf(ANN)).some((i) => i.id === link(1).id)).toBe(false);
    expect(await store.revoke(ANN, link(1).id)).toBe(false);
    expect(await store.revoke('00000000-0000-4000-8000-0000000000ff', link(3).id)).toBe(false);
  });
});
