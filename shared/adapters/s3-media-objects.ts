import { DeleteObjectCommand, DeleteObjectsCommand, GetObjectCommand, NoSuchKey, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import type { MediaObjects, PresignedUpload } from '../ports/media-store';
import { postPolicyFields } from './s3-post-policy';

/** Served media never change (a new upload is a new id), so browsers and CloudFront keep them a year. */
export const MEDIA_CACHE_CONTROL = 'public, max-age=31536000, immutable';

/**
 * Media in the bucket: presigned browser uploads into uploads/, reads and
 * deletes there, public writes under media/. `uploadBase` is where the browser
 * POSTs: the bucket's regional endpoint in the cloud, the emulator's bucket URL locally.
 */
export class S3MediaObjects implements MediaObjects {
  constructor(
    private readonly s3: S3Client,
    private readonly bucket: string,
    private readonly uploadBase: string,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  async presignUpload(key: string, type: string, maxLength: number, expiresInSeconds: number): Promise<PresignedUpload> {
    const credentials = await this.s3.config.credentials();
    const region = await this.s3.config.region();
    const fields = postPolicyFields({ bucket: this.bucket, key, contentType: type, minLength: 1, maxLength, region, now: this.clock(), expiresInSeconds, credentials });
    return { url: this.uploadBase, fields };
  }

  async readUpload(key: string): Promise<Buffer | undefined> {
    try {
      const out = await this.s3.send(new GetObjectCommand({ Bucket: this.bucket, Key: key }));
      // A view, not a copy: up to 50 MB copied again would only feed the garbage collector.
      const bytes = await out.Body!.transformToByteArray();
      return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    } catch (err) {
      if (err instanceof NoSuchKey || (err as { name?: string }).name === 'NoSuchKey') return undefined;
      throw err;
    }
  }

  async deleteUpload(key: string): Promise<void> {
    await this.s3.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: key }));
  }

  async restoreUpload(key: string, body: Buffer, contentType: string): Promise<void> {
    await this.s3.send(unsignedPayload(new PutObjectCommand({ Bucket: this.bucket, Key: key, Body: body, ContentType: contentType })));
  }

  async putPublic(key: string, body: Buffer, contentType: string): Promise<void> {
    await this.s3.send(unsignedPayload(new PutObjectCommand({ Bucket: this.bucket, Key: key, Body: body, ContentType: contentType, CacheControl: MEDIA_CACHE_CONTROL })));
  }

  async deletePublic(keys: string[]): Promise<void> {
    if (keys.length === 0) return;
    await this.s3.send(new DeleteObjectsCommand({ Bucket: this.bucket, Delete: { Objects: keys.map((Key) => ({ Key })), Quiet: true } }));
  }
}

/**
 * A PUT signed without hashing its body: a SHA-256 pass over megabytes of
 * image costs 3 to 7 ms of CPU that the decode running beside it needs. S3
 * accepts UNSIGNED-PAYLOAD over HTTPS (the emulator over loopback too); the
 * body stays retryable (a Buffer) and, in the cloud, covered by the SDK's CRC32.
 */
function unsignedPayload(command: PutObjectCommand): PutObjectCommand {
  command.middlewareStack.add(
    (next) => (args) => {
      const { headers } = args.request as { headers?: Record<string, string> };
      if (headers) headers['x-amz-content-sha256'] = 'UNSIGNED-PAYLOAD';
      return next(args);
    },
    { step: 'build', name: 'heraldUnsignedPayload' },
  );
  return command;
}
