import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { DynamoDeferredRenders } from '../../shared/adapters/dynamo-deferred-renders';
import type { TouchedPlaces } from '../../shared/ports/deferred-renders';
import { startEmulators, type Emulators } from '../support/emulators';

let emu: Emulators;
let renders: DynamoDeferredRenders;
beforeAll(async () => {
  emu = await startEmulators();
  renders = new DynamoDeferredRenders(emu.doc, emu.table);
});
afterAll(() => emu.stop());

const note = (id: string, at: string, place = `${at}#${id}`): TouchedPlaces => ({ id, at, feeds: { site: [place], 'tag:msp': [place] } as TouchedPlaces['feeds'] });

describe('DynamoDeferredRenders: editors\' notes on DynamoDB Local', () => {
  it('reads the notes written at or after a time, oldest first; the same note twice is one', async () => {
    // Prepare
    const early = note('a1', '2026-11-30T10:00:00.000Z');
    const edge = note('b2', '2026-11-30T10:01:00.000Z');
    const late = note('c3', '2026-11-30T10:02:30.500Z');
    await renders.touch(late);
    await renders.touch(early);
    await renders.touch(edge);
    await renders.touch(late);
    // Act
    const since = await renders.touchedSince('2026-11-30T10:01:00.000Z');
    // Assess
    expect(since).toEqual([edge, late]);
    expect(await renders.touchedSince('2026-11-30T09:00:00.000Z')).toHaveLength(3);
  });

  it('keeps notes apart from the recorded batches, each expiring a day after it was written', async () => {
    // Prepare
    await renders.touch(note('d4', '2026-12-01T08:00:00.000Z'));
    // Act
    const pending = await renders.pending(100);
    const items = await emu.doc.send(new QueryCommand({ TableName: emu.table, KeyConditionExpression: 'pk = :p', ExpressionAttributeValues: { ':p': 'META#touched' } }));
    // Assess: no note among the step's batches; the TTL is the note's time plus 24 h.
    expect(pending.batches.map((b) => b.id)).not.toContain('d4');
    const item = items.Items?.find((i) => String(i.sk).endsWith('#d4'));
    expect(item?.expiresAt).toBe(Date.parse('2026-12-02T08:00:00.000Z') / 1000);
  });
});
