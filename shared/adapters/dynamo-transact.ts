import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { TransactWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

export type TransactItem = NonNullable<ConstructorParameters<typeof TransactWriteCommand>[0]['TransactItems']>[number];

/** A transaction refused by a condition; `failed` holds the indexes of the items whose condition failed. */
export class TransactionConditionFailed extends Error {
  override readonly name = 'TransactionConditionFailed';
  constructor(readonly failed: number[]) {
    super(`condition failed on transaction item(s) ${failed.join(', ')}`);
  }
}

/**
 * One TransactWriteItems call. When DynamoDB cancels it only because another
 * transaction held one of the items (TransactionConflict), it is retried with
 * jittered backoff: the conditions are then evaluated against the winner's
 * result, so the loser learns the truth (usually a failed condition) instead
 * of a 500. The SDK does not retry cancellations itself.
 */
export async function transactWrite(doc: DynamoDBDocumentClient, items: TransactItem[], attempts = 8): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await doc.send(new TransactWriteCommand({ TransactItems: items }));
      return;
    } catch (err) {
      if (!(err instanceof TransactionCanceledException)) throw err;
      const reasons = err.CancellationReasons ?? [];
      const failed = reasons.flatMap((r, i) => (r.Code === 'ConditionalCheckFailed' ? [i] : []));
      if (failed.length) throw new TransactionConditionFailed(failed);
      const conflicted = reasons.some((r) => r.Code === 'TransactionConflict');
      if (!conflicted || attempt >= attempts) throw err;
      const ceiling = Math.min(1000, 25 * 2 ** attempt);
      await new Promise((r) => setTimeout(r, Math.random() * ceiling));
    }
  }
}
