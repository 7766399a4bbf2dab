import { describe, expect, it } from '@jest/globals';
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { TransactionConditionFailed, transactWrite } from '../../shared/adapters/dynamo-transact';

/** DynamoDB Local serialises transactions, so the conflict path is exercised with an injected fault. */
const cancelled = (...codes: string[]) =>
  new TransactionCanceledException({
    $metadata: {},
    message: 'Transaction cancelled',
    CancellationReasons: codes.map((Code) => ({ Code })),
  });

function clientFailing(...faults: Error[]) {
  let calls = 0;
  const doc = {
    send: async () => {
      const fault = faults[calls++];
      if (fault) throw fault;
      return {};
    },
  } as unknown as DynamoDBDocumentClient;
  return { doc, calls: () => calls };
}

describe('transactWrite', () => {
  it('retries a transaction cancelled only by TransactionConflict, then succeeds', async () => {
    const { doc, calls } = clientFailing(cancelled('None', 'TransactionConflict'), cancelled('TransactionConflict', 'None'));
    await transactWrite(doc, []);
    expect(calls()).toBe(3);
  });

  it('reports which items failed their condition, without retrying', async () => {
    const { doc, calls } = clientFailing(cancelled('None', 'ConditionalCheckFailed', 'TransactionConflict'));
    const err = await transactWrite(doc, []).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TransactionConditionFailed);
    expect((err as TransactionConditionFailed).failed).toEqual([1]);
    expect(calls()).toBe(1);
  });

  it('gives up after the last attempt and rethrows the cancellation', async () => {
    const { doc, calls } = clientFailing(cancelled('TransactionConflict'), cancelled('TransactionConflict'), cancelled('TransactionConflict'));
    await expect(transactWrite(doc, [], 3)).rejects.toBeInstanceOf(TransactionCanceledException);
    expect(calls()).toBe(3);
  });

  it('rethrows other faults at once', async () => {
    const { doc, calls } = clientFailing(new Error('throttled'));
    await expect(transactWrite(doc, [])).rejects.toThrow('throttled');
    expect(calls()).toBe(1);
  });
});
