import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { announcementItem } from '../../shared/adapters/dynamo-announcement-items';
import { DynamoAnnouncementStore } from '../../shared/adapters/dynamo-announcement-store';
import { makeDocumentClient, makeDynamoClient } from '../../shared/adapters/aws-clients';
import { auditOf } from '../../shared/domain/audit';
import { DuplicateRequest, VersionConflict } from '../../shared/ports/announcement-store';
import { adminAppOn } from '../support/admin-app';
import { announcement, countingStore, partitionOf } from '../support/create-audit-fixtures';
import { startEmulators, type Emulators } from '../support/emulators';

/**
 * A POST's write on DynamoDB Local: the create's audit record rides on the
 * announcement item, so a plain POST is one conditional PutItem, and one with
 * a schedule entry or an Idempotency-Key one transaction with one item fewer.
 */
let emu: Emulators;
let store: DynamoAnnouncementStore;
const record = { scope: 'scope-0', requestHash: 'h', announcementId: '', expiresAt: 2_000_000_000 };

beforeAll(async () => {
  emu = await startEmulators();
  store = new DynamoAnnouncementStore(emu.doc, emu.table);
});
afterAll(() => emu.stop());

describe('a create', () => {
  it('without a schedule entry or an idempotency record is one PutItem, and the audit record is on the item', async () => {
    const a = announcement();
    const counted = countingStore(emu);
    await counted.store.create(a, auditOf('create', undefined, a));
    counted.stop();

    expect(counted.sent).toEqual(['PutItemCommand']);
    const items = await partitionOf(emu, a.id);
    expect(items.map((i) => i.sk)).toEqual(['A']);
    expect(items[0]!.createAudit).toEqual(auditOf('create', undefined, a));
    expect(await store.history(a.id)).toEqual([auditOf('create', undefined, a)]);
  });

  it('with an idempotency record is one transaction of two items', async () => {
    const a = announcement();
    const counted = countingStore(emu);
    await counted.store.create(a, auditOf('create', undefined, a), { ...record, scope: 'scope-1', announcementId: a.id });
    counted.stop();

    expect(counted.sent).toEqual(['TransactWriteItemsCommand']);
    expect((await partitionOf(emu, a.id)).map((i) => i.sk)).toEqual(['A']);
    expect(await store.findIdempotency('scope-1', 0)).toMatchObject({ announcementId: a.id });
    expect(await store.history(a.id)).toEqual([auditOf('create', undefined, a)]);
  });

  it('of a scheduled item writes its schedule entry beside it, and still no H# item', async () => {
    const a = announcement({ status: 'scheduled', publishAt: '2030-01-01T00:00:00.000Z', publishedAt: undefined });
    await store.create(a, auditOf('create', undefined, a));
    expect((await partitionOf(emu, a.id)).map((i) => i.sk)).toEqual(['A', 'DUE']);
    expect(await store.dueIds('2030-01-01T00:00:00.000Z', 100)).toContain(a.id);
  });

  it('is done when the SDK retries a PutItem whose first attempt was stored and its answer lost, and another create of the id still conflicts', async () => {
    // A client whose first PutItem reaches DynamoDB Local, then fails as a reset connection would: the SDK retries it.
    const dynamo = makeDynamoClient({ region: 'us-east-1', dynamoEndpoint: emu.endpoints.dynamo });
    let attempts = 0;
    dynamo.middlewareStack.add(
      (next, context) => async (args) => {
        const out = await next(args);
        if (context.commandName === 'PutItemCommand' && ++attempts === 1) throw Object.assign(new Error('socket hang up'), { name: 'TimeoutError', code: 'ECONNRESET', $metadata: {} });
        return out;
      },
      { step: 'deserialize', name: 'testLostAnswer' },
    );
    const retrying = new DynamoAnnouncementStore(makeDocumentClient(dynamo), emu.table);
    const a = announcement();
    try {
      await retrying.create(a, auditOf('create', undefined, a));
      expect(attempts).toBe(2);
      expect(await store.history(a.id)).toEqual([auditOf('create', undefined, a)]);
      // The same id with other content is still someone else's item.
      const other = { ...a, title: 'Another announcement' };
      await expect(store.create(other, auditOf('create', undefined, other))).rejects.toBeInstanceOf(VersionConflict);
    } finally {
      dynamo.destroy();
    }
  });

  it('of an existing id is a VersionConflict that changes nothing, in both write shapes', async () => {
    const a = announcement();
    await store.create(a, auditOf('create', undefined, a));
    const again = { ...a, title: 'overwritten', updatedBy: 'bo' };

    await expect(store.create(again, auditOf('create', undefined, again))).rejects.toBeInstanceOf(VersionConflict);
    await expect(store.create(again, auditOf('create', undefined, again), { ...record, scope: 'scope-2', announcementId: a.id })).rejects.toBeInstanceOf(VersionConflict);

    expect(await store.get(a.id)).toEqual(a);
    expect(await store.history(a.id)).toEqual([auditOf('create', undefined, a)]);
    expect(await store.findIdempotency('scope-2', 0)).toBeUndefined();
  });

  it('whose idempotency scope is held is a DuplicateRequest that stores nothing', async () => {
    const first = announcement();
    await store.create(first, auditOf('create', undefined, first), { ...record, scope: 'scope-3', announcementId: first.id });
    const second = announcement();

    await expect(store.create(second, auditOf('create', undefined, second), { ...record, scope: 'scope-3', announcementId: second.id })).rejects.toBeInstanceOf(DuplicateRequest);
    expect(await partitionOf(emu, second.id)).toEqual([]);
  });

  it('racing other creates of the same id: exactly one is stored, with its own audit record', async () => {
    const base = announcement();
    const racers = ['ana', 'bo', 'cy', 'di'].map((by) => ({ ...base, createdBy: by, updatedBy: by }));
    const results = await Promise.allSettled(racers.map((a) => store.create(a, auditOf('create', undefined, a))));

    const won = results.flatMap((r, i) => (r.status === 'fulfilled' ? [racers[i]!] : []));
    expect(won).toHaveLength(1);
    expect(results.filter((r) => r.status === 'rejected').map((r) => (r as PromiseRejectedResult).reason)).toEqual([0, 1, 2].map(() => expect.any(VersionConflict)));
    expect(await store.history(base.id)).toEqual([auditOf('create', undefined, won[0]!)]);
  });

  it('refuses with a 413, storing nothing, an item that exceeds 400 KB only with its audit record', async () => {
    // The largest body whose item fits without the record (found by writing it under another id).
    const sized = (pad: number) => announcement({ bodyHtml: `<p>${'x'.repeat(pad)}</p>`, tags: [] });
    let [fits, fails] = [380_000, 410_000];
    while (fails - fits > 1) {
      const mid = Math.floor((fits + fails) / 2);
      const ok = await emu.doc.send(new PutCommand({ TableName: emu.table, Item: announcementItem(sized(mid)) })).then(() => true, () => false);
      [fits, fails] = ok ? [mid, fails] : [fits, mid];
    }
    const a = sized(fits);

    await expect(store.create(a, auditOf('create', undefined, a))).rejects.toMatchObject({ status: 413, code: 'payload_too_large' });
    expect(await partitionOf(emu, a.id)).toEqual([]);
  });
});

describe('the API over a stored create', () => {
  it('never shows the embedded audit record in an announcement, a list or an export line', async () => {
    const api = adminAppOn(emu);
    const created = await api.call('POST', '/api/announcements', {
      body: { title: 'Seventh Meeting of States Parties', summary: 'Geneva.', body: 'Presided over by an ambassador.', language: 'en', tags: ['msp'], status: 'published' },
    });
    const id = created.body.id as string;
    expect((await partitionOf(emu, id))[0]!.createAudit).toMatchObject({ version: 1, action: 'create' });

    const got = await api.call('GET', `/api/announcements/${id}`);
    const listed = await api.call('GET', '/api/announcements', { query: { limit: '100' } });
    const inList = (listed.body.items as Record<string, unknown>[]).find((a) => a.id === id);

    expect(got.body).toEqual(created.body);
    expect(inList).toEqual(created.body);
    expect(Object.keys(got.body)).not.toContain('createAudit');
    expect((await api.call('GET', `/api/announcements/${id}/history`)).body.items).toEqual([
      expect.objectContaining({ announcementId: id, version: 1, action: 'create', at: created.body.createdAt }),
    ]);
  });
});
