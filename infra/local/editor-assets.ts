import { DeleteObjectsCommand, ListObjectsV2Command, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { buildEditor } from '../../web/build';

/** The bucket prefix the editor lives under, served at /admin/. */
export const EDITOR_PREFIX = 'admin/';

/**
 * Builds the editor (web/) and uploads it under admin/, as the cloud's
 * BucketDeployment does: the hashed files first, index.html last, so a page
 * loaded mid-upload never names a file not yet there; then files of earlier
 * builds are removed. Returns the uploaded keys.
 */
export async function uploadEditor(s3: S3Client, bucket: string): Promise<string[]> {
  const files = await buildEditor();
  const ordered = [...files.filter((f) => f.path !== 'index.html'), ...files.filter((f) => f.path === 'index.html')];
  for (const f of ordered) {
    await s3.send(
      new PutObjectCommand({ Bucket: bucket, Key: `${EDITOR_PREFIX}${f.path}`, Body: f.bytes, ContentType: f.contentType, CacheControl: f.cacheControl }),
    );
  }
  const keep = new Set(files.map((f) => `${EDITOR_PREFIX}${f.path}`));
  const listed = await s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: EDITOR_PREFIX }));
  const stale = (listed.Contents ?? []).map((o) => o.Key!).filter((k) => !keep.has(k));
  if (stale.length) await s3.send(new DeleteObjectsCommand({ Bucket: bucket, Delete: { Objects: stale.map((Key) => ({ Key })) } }));
  return [...keep];
}
