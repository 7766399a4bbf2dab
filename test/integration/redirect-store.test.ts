import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { DynamoRedirectStore } from '../../shared/adapters/dynamo-redirect-store';
import { ValidationError } from '../../shared/domain/errors';
import { startEmulators, type Emulators } from '../support/emulators';

const T0 = new Date('2026-11-30T03:00:00Z');
const T1 = new Date('2026-11-30T04:00:00Z');

let emu: Emulators;
let store: DynamoRedirectStore;
beforeAll(async () => {
  emu = await startEmulators();
  store = new DynamoRedirectStore(emu.doc, emu.table);
}, 60_000);
afterAll(() => emu.stop());

const raw = (from: string) => emu.doc.send(new GetCommand({ TableName: emu.table, Key: { pk: 'REDIRECT#all', sk: from } })).then((o) => o.Item);

describe('DynamoRedirectStore on DynamoDB Local', () => {
  it('stores a pair as REDIRECT#all / from, and the same pair again writes nothing', async () => {
    expect(await store.put({ from: '/?p=123', to: '/news/msp7-1a2b3c4d/' }, T0)).toBe(true);
    expect(await store.put({ from: '/?p=123', to: '/news/msp7-1a2b3c4d/' }, T1)).toBe(false);

    expect(await raw('/?p=123')).toEqual({ pk: 'REDIRECT#all', sk: '/?p=123', type: 'redirect', to: '/news/msp7-1a2b3c4d/', updatedAt: T0.toISOString() });
  });

  it('replaces the to of an existing from', async () => {
    await store.put({ from: '/moved/', to: '/news/a/' }, T0);
    expect(await store.put({ from: '/moved/', to: '/news/b/' }, T1)).toBe(true);
    expect(await raw('/moved/')).toMatchObject({ to: '/news/b/', updatedAt: T1.toISOString() });
  });

  it('lists in from order, a page at a time, with a cursor that resumes after the last item', async () => {
    for (let i = 0; i < 25; i++) await store.put({ from: `/page/${String(i).padStart(2, '0')}/`, to: `/news/${i}/` }, T0);
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await store.list({ limit: 10, ...(cursor ? { cursor } : {}) });
      seen.push(...page.items.map((r) => r.from));
      cursor = page.cursor;
      pages++;
    } while (cursor && pages < 10);

    const all = (await store.all()).map((r) => r.from);
    expect(seen).toEqual(all);
    expect(all).toHaveLength(27);
    expect([...all].sort()).toEqual(all);
    expect(pages).toBeGreaterThanOrEqual(3);
  });

  it('refuses a cursor it did not issue with a 400 naming it', async () => {
    await expect(store.list({ limit: 5, cursor: Buffer.from('not a path').toString('base64url') })).rejects.toThrow(ValidationError);
  });

  it('deletes, saying whether there was anything', async () => {
    expect(await store.delete('/moved/')).toBe(true);
    expect(await store.delete('/moved/')).toBe(false);
    expect(await raw('/moved/')).toBeUndefined();
  });
});
