import {
  DeleteObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  NotFound,
  PutObjectCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import type { ObjectStore, PutOptions } from '../ports/object-store';

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

  async put(key: string, body: string, options: PutOptions): Promise<void> {
    await this.s3.send(
      new PutObjectCommand({
        Bucket: this.bucket,
        Key: key,
        Body: body,
        ContentType: options.contentType,
        CacheControl: options.cacheControl,
        Metadata: { sha256: options.sha256 },
      }),
    );
  }

  async delete(key: string): Promise<void> {
    await this.s3.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: key }));
  }

  async list(cursor?: string): Promise<{ items: { key: string; etag: string }[]; cursor?: string }> {
    const out = await this.s3.send(new ListObjectsV2Command({ Bucket: this.bucket, MaxKeys: 1000, ContinuationToken: cursor }));
    // ETags come quoted; S3-managed encryption makes a single PUT's ETag the MD5 of its bytes.
    const items = (out.Contents ?? []).map((o) => ({ key: o.Key!, etag: (o.ETag ?? '').replace(/"/g, '') }));
    return { items, ...(out.IsTruncated && out.NextContinuationToken ? { cursor: out.NextContinuationToken } : {}) };
  }
}
