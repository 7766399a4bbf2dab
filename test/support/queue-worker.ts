import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';

/**
 * A queue consumer used only by tests, to prove the `queue` trigger kind end to
 * end (declaration, CDK builder, local runtime) before a real function uses it.
 * It fails every message whose body is "fail".
 */
export async function handler(event: SQSEvent): Promise<SQSBatchResponse> {
  return { batchItemFailures: event.Records.filter((r) => r.body === 'fail').map((r) => ({ itemIdentifier: r.messageId })) };
}
