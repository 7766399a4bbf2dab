import { createHmac } from 'node:crypto';

/**
 * A browser-based S3 upload (POST Object with a policy, Signature Version 4),
 * written here because @aws-sdk/s3-presigned-post is not among Herald's
 * dependencies and @aws-sdk/client-s3 only presigns URLs, not POST policies.
 * The policy is the whole of the security: it pins the bucket, the exact key,
 * the content type and the allowed length range, and expires.
 * See https://docs.aws.amazon.com/AmazonS3/latest/API/sigv4-HTTPPOSTConstructPolicy.html
 */

/** The credentials that sign; a session token (Lambda's role) must be a policy condition too. */
export type SigningCredentials = { accessKeyId: string; secretAccessKey: string; sessionToken?: string };

/** What to sign: the bucket, key, content type, length range and validity. */
export type PostPolicyInput = {
  bucket: string;
  key: string;
  contentType: string;
  minLength: number;
  maxLength: number;
  region: string;
  now: Date;
  expiresInSeconds: number;
  credentials: SigningCredentials;
};

const hmac = (key: Buffer | string, data: string) => createHmac('sha256', key).update(data, 'utf8').digest();

/** SigV4's derived key: HMAC chain over date, region, service and "aws4_request". */
export function signingKey(secretAccessKey: string, date: string, region: string, service: string): Buffer {
  return hmac(hmac(hmac(hmac(`AWS4${secretAccessKey}`, date), region), service), 'aws4_request');
}

/** `20260102T030405Z`, SigV4's timestamp. */
const amzDate = (d: Date) => d.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');

/** The form fields (key, Content-Type, policy, x-amz-*) the browser sends before the file. */
export function postPolicyFields(input: PostPolicyInput): Record<string, string> {
  const date = amzDate(input.now);
  const credential = `${input.credentials.accessKeyId}/${date.slice(0, 8)}/${input.region}/s3/aws4_request`;
  const fields: Record<string, string> = {
    key: input.key,
    'Content-Type': input.contentType,
    'x-amz-algorithm': 'AWS4-HMAC-SHA256',
    'x-amz-credential': credential,
    'x-amz-date': date,
    ...(input.credentials.sessionToken ? { 'x-amz-security-token': input.credentials.sessionToken } : {}),
  };
  const policy = {
    expiration: new Date(input.now.getTime() + input.expiresInSeconds * 1000).toISOString(),
    conditions: [
      { bucket: input.bucket },
      ...Object.entries(fields).map(([name, value]) => ({ [name]: value })),
      ['content-length-range', input.minLength, input.maxLength],
    ],
  };
  const encoded = Buffer.from(JSON.stringify(policy), 'utf8').toString('base64');
  const signature = hmac(signingKey(input.credentials.secretAccessKey, date.slice(0, 8), input.region, 's3'), encoded).toString('hex');
  return { ...fields, Policy: encoded, 'x-amz-signature': signature };
}
