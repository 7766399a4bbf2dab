/** Retries of what DynamoDB leaves unprocessed (throttling, size), with a doubling pause. */
const ATTEMPTS = 8;
const pause = (attempt: number) => new Promise((r) => setTimeout(r, 10 * 2 ** attempt));

/**
 * Runs one BatchGetItem or BatchWriteItem request, then again with what
 * DynamoDB left unprocessed, until nothing is left; fails after ATTEMPTS,
 * naming `what` was left. `send` returns the unprocessed keys or requests.
 */
export async function untilProcessed<T>(what: string, first: T[], send: (batch: T[]) => Promise<T[]>): Promise<void> {
  let left = first;
  for (let attempt = 0; left.length; attempt++) {
    if (attempt === ATTEMPTS) throw new Error(`DynamoDB left ${left.length} ${what} unprocessed after ${ATTEMPTS} attempts`);
    if (attempt) await pause(attempt);
    left = await send(left);
  }
}
