import { DeleteObjectsCommand, ListObjectsV2Command, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import type { BuiltFile } from '../../web/build';

/**
 * Uploads a static app's build under `prefix`, as the cloud's two-step
 * BucketDeployments do: every other file first, then the files that name
 * them (`namesOthers`), so a page loaded mid-upload never names a file not
 * yet there; files of earlier builds are then removed. Returns the keys.
 */
export async function uploadBuilt(s3: S3Client, bucket: string, prefix: string, files: readonly BuiltFile[], namesOthers: (path: string) => boolean): Promise<string[]> {
  const ordered = [...files.filter((f) => !namesOthers(f.path)), ...files.filter((f) => namesOthers(f.path))];
  for (const f of ordered) {
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: `${prefix}${f.path}`, Body: f.bytes, ContentType: f.contentType, CacheControl: f.cacheControl }));
  }
  const keep = new Set(files.map((f) => `${prefix}${f.path}`));
  const listed = await s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix }));
  const stale = (listed.Contents ?? []).map((o) => o.Key!).filter((k) => !keep.has(k));
  if (stale.length) await s3.send(new DeleteObjectsCommand({ Bucket: bucket, Delete: { Objects: stale.map((Key) => ({ Key })) } }));
  return [...keep];
}
