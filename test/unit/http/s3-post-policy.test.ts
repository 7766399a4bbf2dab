import { describe, expect, it } from '@jest/globals';
import { createHash, createHmac, type Hash, type Hmac } from 'node:crypto';
import { SignatureV4 } from '@smithy/signature-v4';
import { postPolicyFields, signingKey } from '../../../shared/adapters/s3-post-policy';

/** The checksum the SDK's signer is given in Node (as @smithy/hash-node does): sha256, or HMAC-sha256 with a secret. */
class Sha256 {
  private readonly h: Hash | Hmac;
  constructor(secret?: string | ArrayBuffer | ArrayBufferView) {
    const key = secret instanceof ArrayBuffer ? new Uint8Array(secret) : ArrayBuffer.isView(secret) ? new Uint8Array(secret.buffer, secret.byteOffset, secret.byteLength) : secret;
    this.h = key === undefined ? createHash('sha256') : createHmac('sha256', key);
  }
  update(data: string | ArrayBuffer | ArrayBufferView): void {
    this.h.update(typeof data === 'string' ? data : data instanceof ArrayBuffer ? new Uint8Array(data) : new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
  }
  digest(): Promise<Uint8Array> {
    return Promise.resolve(new Uint8Array(this.h.digest()));
  }
}

const credentials = { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' };
const now = new Date('2026-03-16T09:00:00Z');
const input = {
  bucket: 'herald-site', key: 'uploads/0b5c8c9e-1111-4222-8333-944455556666', contentType: 'image/jpeg',
  minLength: 1, maxLength: 25 * 1024 * 1024, region: 'eu-west-1', now, expiresInSeconds: 3600, credentials,
};

describe('the SigV4 signing key', () => {
  it("matches AWS's published example (iam, us-east-1, 20120215)", () => {
    const key = signingKey('wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY', '20120215', 'us-east-1', 'iam');

    expect(key.toString('hex')).toBe('f4780e2d9f65fa895f9c67b32ce1baf0b0d8a43505a000a1a9e090d414db404d');
  });
});

describe('a presigned POST policy', () => {
  it('pins the bucket, the exact key, the content type, the length range and the expiry', () => {
    const fields = postPolicyFields(input);
    const policy = JSON.parse(Buffer.from(fields.Policy!, 'base64').toString('utf8')) as { expiration: string; conditions: unknown[] };

    expect(policy.expiration).toBe('2026-03-16T10:00:00.000Z');
    expect(policy.conditions).toEqual(
      expect.arrayContaining([
        { bucket: 'herald-site' },
        { key: input.key },
        { 'Content-Type': 'image/jpeg' },
        { 'x-amz-algorithm': 'AWS4-HMAC-SHA256' },
        { 'x-amz-credential': 'AKIAIOSFODNN7EXAMPLE/20260316/eu-west-1/s3/aws4_request' },
        { 'x-amz-date': '20260316T090000Z' },
        ['content-length-range', 1, 25 * 1024 * 1024],
      ]),
    );
    expect(policy.conditions.some((c) => JSON.stringify(c).includes('starts-with'))).toBe(false);
  });

  it("is signed as the SDK's own SigV4 signer signs a string with the same credentials", async () => {
    const fields = postPolicyFields(input);
    const signer = new SignatureV4({ credentials, region: 'eu-west-1', service: 's3', sha256: Sha256 });

    expect(fields['x-amz-signature']).toBe(await signer.sign(fields.Policy!, { signingDate: now }));
    expect(fields['x-amz-signature']).not.toBe(postPolicyFields({ ...input, contentType: 'image/png' })['x-amz-signature']);
  });

  it('carries a session token (a Lambda role) as a field and a condition', () => {
    const fields = postPolicyFields({ ...input, credentials: { ...credentials, sessionToken: 'session-token' } });
    const policy = Buffer.from(fields.Policy!, 'base64').toString('utf8');

    expect(fields['x-amz-security-token']).toBe('session-token');
    expect(policy).toContain('{"x-amz-security-token":"session-token"}');
  });
});
