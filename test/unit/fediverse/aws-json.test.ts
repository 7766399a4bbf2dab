import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { awsJson, AwsJsonError } from '../../../shared/adapters/aws-json';
import { sqsSend } from '../../../shared/adapters/queue-message-queue';

/** A stand-in AWS endpoint: records each call, answers what the test says. */
let server: Server;
let endpoint = '';
const calls: { headers: IncomingHttpHeaders; body: string }[] = [];
let reply: { status: number; body: unknown } = { status: 200, body: {} };
let saved: { id?: string; secret?: string } = {};
beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      calls.push({ headers: req.headers, body });
      res.writeHead(reply.status, { 'content-type': 'application/x-amz-json-1.1' }).end(JSON.stringify(reply.body));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  saved = { id: process.env.AWS_ACCESS_KEY_ID, secret: process.env.AWS_SECRET_ACCESS_KEY };
  process.env.AWS_ACCESS_KEY_ID = 'AKIDEXAMPLE';
  process.env.AWS_SECRET_ACCESS_KEY = 'secret';
});
afterAll(async () => {
  for (const [name, value] of [['AWS_ACCESS_KEY_ID', saved.id], ['AWS_SECRET_ACCESS_KEY', saved.secret]] as const) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
  await new Promise<void>((r) => server.close(() => r()));
});

describe('the AWS JSON-protocol client', () => {
  it('signs with SigV4 and speaks JSON 1.0 to SQS and 1.1 to Secrets Manager', async () => {
    calls.length = 0;
    reply = { status: 200, body: { SecretString: '{"a":1}' } };
    const out = await awsJson<{ SecretString: string }>({ service: 'secretsmanager', target: 'secretsmanager.GetSecretValue', region: 'eu-west-1', body: { SecretId: 's' }, endpoint });
    expect(out.SecretString).toBe('{"a":1}');
    await sqsSend('https://sqs.eu-west-1.amazonaws.com/1/q', 'eu-west-1', (c) => awsJson({ ...c, endpoint }))('{"m":1}', 30);
    expect(calls.map((c) => [c.headers['content-type'], c.headers['x-amz-target']])).toEqual([
      ['application/x-amz-json-1.1', 'secretsmanager.GetSecretValue'],
      ['application/x-amz-json-1.0', 'AmazonSQS.SendMessage'],
    ]);
    expect(calls[0]!.headers.authorization).toMatch(/^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE\/\d{8}\/eu-west-1\/secretsmanager\/aws4_request, SignedHeaders=[^,]*host[^,]*x-amz-target/);
    expect(JSON.parse(calls[1]!.body)).toEqual({ QueueUrl: 'https://sqs.eu-west-1.amazonaws.com/1/q', MessageBody: '{"m":1}', DelaySeconds: 30 });
  });

  it('throws the service error type', async () => {
    reply = { status: 400, body: { __type: 'com.amazonaws.secretsmanager#ResourceNotFoundException', message: 'no value' } };
    const call = awsJson({ service: 'secretsmanager', target: 'secretsmanager.GetSecretValue', region: 'eu-west-1', body: {}, endpoint });
    await expect(call).rejects.toBeInstanceOf(AwsJsonError);
    await expect(call).rejects.toMatchObject({ type: 'ResourceNotFoundException', status: 400 });
  });
});
