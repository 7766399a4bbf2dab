import {
  DeleteObjectCommand,
  HeadObjectCommand,
  ListObjectsCommand,
  NotFound,
  PutObjectCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import type { BuildMiddleware } from '@smithy/types';
import type { ObjectStore, PutOptions } from '../ports/object-store';

const PAYLOAD_HASH = { step: 'build', name: 'heraldPayloadHash' } as const;

/**
 * SigV4 signs the body's sha256, which the SDK otherwise computes itself;
 * the publisher has it already. S3 checks it against the bytes it receives
 * (XAmzContentSHA256Mismatch), so a wrong one fails the PUT, never stores it.
 */
const signedWith =
  <I extends object, O extends object>(sha256Hex: string): BuildMiddleware<I, O> =>
  (next) =>
  (args) => {
    const request = args.request as { headers?: Record<string, string> };
    if (request.headers) request.headers['x-amz-content-sha256'] = sha256Hex;
    return next(args);
  };

/** ObjectStore on S3. The body's sha256 rides along as object metadata. */
export class S3ObjectStore implements ObjectStore {
  constructor(
    private readonly s3: S3Client,
    readonly bucket: string,
  ) {}

  async sha256Of(key: string): Promise<string | undefined> {
    try {
      const out = await this.s3.send(new HeadObjectCommand({ Bucket: this.bucket, Key: key }));
      return out.Metadata?.sha256;
    } catch (err) {
      if (err instanceof NotFound || (err as { name?: string }).name === 'NotFound') return undefined;
      throw err;
    }
  }

  async put(key: string, body: string | Uint8Array, options: PutOptions): Promise<void> {
    const command = new PutObjectCommand({
      Bucket: this.bucket,
      Key: key,
      // Bytes once: given a string, the SDK converts it again to measure, sign and send it.
      Body: typeof body === 'string' ? Buffer.from(body, 'utf8') : body,
      ContentType: options.contentType,
      CacheControl: options.cacheControl,
      Metadata: { sha256: options.sha256 },
    });
    if (options.bodySha256) command.middlewareStack.add(signedWith(options.bodySha256), PAYLOAD_HASH);
    await this.s3.send(command);
  }

  async delete(key: string): Promise<void> {
    await this.s3.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: key }));
  }

  async list(cursor?: string): Promise<{ items: { key: string; etag: string }[]; cursor?: string }> {
    // ListObjects (v1) paged by Marker, the last key seen: s3rver seals every truncated
    // v2 answer's continuation token with DES, which Node 24's OpenSSL 3 refuses, so a
    // v2 listing past 1,000 keys failed under npm start. S3 pages v1 the same way.
    const out = await this.s3.send(new ListObjectsCommand({ Bucket: this.bucket, MaxKeys: 1000, Marker: cursor }));
    // ETags come quoted; S3-managed encryption makes a single PUT's ETag the MD5 of its bytes.
    const items = (out.Contents ?? []).map((o) => ({ key: o.Key!, etag: (o.ETag ?? '').replace(/"/g, '') }));
    const last = items.at(-1)?.key;
    return { items, ...(out.IsTruncated && last ? { cursor: last } : {}) };
  }
}
