import { Readable } from 'node:stream';
import { describe, expect, it } from '@jest/globals';
import { SSMClient } from '@aws-sdk/client-ssm';
import { cachedParameter } from '../../../shared/adapters/ssm-parameter';

type Answer = { status: number; body: Record<string, unknown> } | 'network-error';

/**
 * A real SSMClient whose transport is scripted: each request gets the next answer
 * (the SDK serialises, signs and parses as against AWS), and every request is kept.
 */
function scriptedSsm(answers: Answer[]) {
  const requests: Record<string, unknown>[] = [];
  const client = new SSMClient({
    region: 'eu-west-1',
    credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' },
    maxAttempts: 1,
    requestHandler: {
      handle: async (request: { headers: Record<string, string>; body?: unknown }) => {
        requests.push({ target: request.headers['x-amz-target'], ...(JSON.parse(Buffer.from(request.body as Uint8Array).toString('utf8')) as Record<string, unknown>) });
        const answer = answers.shift() ?? 'network-error';
        if (answer === 'network-error') throw Object.assign(new Error('connect ECONNREFUSED'), { name: 'NetworkingError' });
        return {
          // The shape of @smithy/protocol-http's HttpResponse, which the SDK parses.
          response: {
            statusCode: answer.status,
            headers: { 'content-type': 'application/x-amz-json-1.1' },
            body: Readable.from([Buffer.from(JSON.stringify(answer.body))]),
          },
        };
      },
    },
  });
  return { client, requests };
}

const found = (value: string): Answer => ({ status: 200, body: { Parameter: { Name: '/herald/admin-token-sha256', Type: 'SecureString', Value: value, Version: 1 } } });
const HASH_A = 'a'.repeat(64);
const HASH_B = 'b'.repeat(64);

function clock(start = 0) {
  let t = start;
  return { now: () => t, advance: (ms: number) => (t += ms) };
}

describe('the cached SSM parameter', () => {
  it('asks SSM for the named parameter, decrypted, and answers its value', async () => {
    const ssm = scriptedSsm([found(HASH_A)]);
    const read = cachedParameter({ ssm: ssm.client, name: '/herald/admin-token-sha256' });

    expect(await read()).toBe(HASH_A);
    expect(ssm.requests).toEqual([{ target: 'AmazonSSM.GetParameter', Name: '/herald/admin-token-sha256', WithDecryption: true }]);
  });

  it('reads once per five minutes, then picks up a rotated value without a deploy', async () => {
    const ssm = scriptedSsm([found(HASH_A), found(HASH_B)]);
    const time = clock();
    const read = cachedParameter({ ssm: ssm.client, name: '/p', now: time.now });

    expect(await Promise.all([read(), read()])).toEqual([HASH_A, HASH_A]);
    time.advance(5 * 60_000 - 1);
    expect(await read()).toBe(HASH_A);
    expect(ssm.requests).toHaveLength(1);
    time.advance(1);
    expect(await read()).toBe(HASH_B);
    expect(ssm.requests).toHaveLength(2);
  });

  it('answers undefined for a parameter that does not exist (ParameterNotFound)', async () => {
    const ssm = scriptedSsm([{ status: 400, body: { __type: 'ParameterNotFound', message: 'not found' } }]);

    expect(await cachedParameter({ ssm: ssm.client, name: '/p' })()).toBeUndefined();
  });

  it('answers undefined, and retries after a short pause, when SSM fails before any value was read', async () => {
    const warnings: string[] = [];
    const ssm = scriptedSsm(['network-error', found(HASH_A)]);
    const time = clock();
    const read = cachedParameter({ ssm: ssm.client, name: '/p', now: time.now, log: { warn: (m) => warnings.push(m) } });

    expect(await read()).toBeUndefined();
    expect(warnings).toEqual([expect.stringContaining('could not be read')]);
    expect(await read()).toBeUndefined(); // within the retry pause: SSM is not hammered
    expect(ssm.requests).toHaveLength(1);
    time.advance(10_000);
    expect(await read()).toBe(HASH_A);
  });

  it('keeps the last good value while SSM fails (throttling, access denied)', async () => {
    const ssm = scriptedSsm([found(HASH_A), { status: 400, body: { __type: 'ThrottlingException', message: 'Rate exceeded' } }]);
    const time = clock();
    const read = cachedParameter({ ssm: ssm.client, name: '/p', now: time.now, log: { warn: () => undefined } });

    expect(await read()).toBe(HASH_A);
    time.advance(6 * 60_000);
    expect(await read()).toBe(HASH_A);
    expect(ssm.requests).toHaveLength(2);
  });

  it('ignores a value that fails validation (the token itself stored instead of its hash)', async () => {
    const ssm = scriptedSsm([found('my-plain-admin-token-that-is-long-enough')]);
    const read = cachedParameter({ ssm: ssm.client, name: '/p', validate: (v) => /^[0-9a-f]{64}$/.test(v), log: { warn: () => undefined } });

    expect(await read()).toBeUndefined();
  });
});
