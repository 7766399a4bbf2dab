import { DeleteObjectsCommand, ListObjectsV2Command, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { buildEmbed } from '../../embed/build';

/** The bucket prefix the news box lives under, served at /embed/. */
export const EMBED_PREFIX = 'embed/';

/**
 * Builds the news box (embed/) and uploads it under embed/, as the cloud's
 * EmbedDeployment does: hashed files first, then the alias and latest.html
 * that name them; files of earlier builds are then removed. Returns the keys.
 */
export async function uploadEmbed(s3: S3Client, bucket: string): Promise<string[]> {
  const files = buildEmbed();
  const hashed = (path: string) => /\.[0-9a-f]{10}\.js$/.test(path);
  for (const f of [...files.filter((f) => hashed(f.path)), ...files.filter((f) => !hashed(f.path))]) {
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: `${EMBED_PREFIX}${f.path}`, Body: f.bytes, ContentType: f.contentType, CacheControl: f.cacheControl }));
  }
  const keep = new Set(files.map((f) => `${EMBED_PREFIX}${f.path}`));
  const listed = await s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: EMBED_PREFIX }));
  const stale = (listed.Contents ?? []).map((o) => o.Key!).filter((k) => !keep.has(k));
  if (stale.length) await s3.send(new DeleteObjectsCommand({ Bucket: bucket, Delete: { Objects: stale.map((Key) => ({ Key })) } }));
  return [...keep];
}
