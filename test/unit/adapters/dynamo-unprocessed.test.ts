import { describe, expect, it } from '@jest/globals';
import { untilProcessed } from '../../../shared/adapters/dynamo-unprocessed';

describe('untilProcessed, the retry of what a DynamoDB batch call leaves unprocessed', () => {
  it('sends again only what was left, until nothing is', async () => {
    const sent: string[][] = [];
    await untilProcessed('reads', ['a', 'b', 'c'], async (batch) => (sent.push(batch), batch.slice(1)));
    expect(sent).toEqual([['a', 'b', 'c'], ['b', 'c'], ['c']]);
  });

  it('gives up after eight attempts, naming what was left', async () => {
    let calls = 0;
    await expect(untilProcessed('registry reads', ['a', 'b'], async (batch) => (calls++, batch))).rejects.toThrow('DynamoDB left 2 registry reads unprocessed after 8 attempts');
    expect(calls).toBe(8);
  });
});
