import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { SQSClient } from '@aws-sdk/client-sqs';
import { createHash } from 'node:crypto';
import { sqsSend } from '../../../shared/adapters/queue-message-queue';
import { startAwsJsonStandIn, STAND_IN_CREDENTIALS } from '../../support/aws-json-stand-in';

/** The delivery queue's producer: SendMessage through the SDK's SQS client, checked on the wire. */
let standIn: Awaited<ReturnType<typeof startAwsJsonStandIn>>;
beforeAll(async () => {
  // SQS answers the body's MD5, which the SDK checks.
  standIn = await startAwsJsonStandIn(async (call) => ({ status: 200, body: { MessageId: 'm-1', MD5OfMessageBody: createHash('md5').update(String(call.body.MessageBody)).digest('hex') } }));
});
afterAll(() => standIn.stop());

describe('sqsSend', () => {
  it('sends the body with its delay to the queue by URL, SigV4-signed', async () => {
    const sqs = new SQSClient({ region: 'eu-west-1', endpoint: standIn.endpoint, credentials: STAND_IN_CREDENTIALS, useQueueUrlAsEndpoint: false });
    await sqsSend('https://sqs.eu-west-1.amazonaws.com/1/q', sqs)('{"m":1}', 30);
    expect(standIn.calls.map((c) => c.target)).toEqual(['AmazonSQS.SendMessage']);
    expect(standIn.calls[0]!.body).toMatchObject({ QueueUrl: 'https://sqs.eu-west-1.amazonaws.com/1/q', MessageBody: '{"m":1}', DelaySeconds: 30 });
    expect(standIn.calls[0]!.headers.authorization).toMatch(/^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE\/\d{8}\/eu-west-1\/sqs\/aws4_request/);
  });
});
