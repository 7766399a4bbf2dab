import type { S3Client } from '@aws-sdk/client-s3';
import { buildEmbed } from '../../embed/build';
import { uploadBuilt } from './upload-built';

/** The bucket prefix the news box lives under, served at /embed/. */
export const EMBED_PREFIX = 'embed/';

/** Builds the news box (embed/) and uploads it under embed/, the alias and latest.html (which name the hashed modules) last. */
export async function uploadEmbed(s3: S3Client, bucket: string): Promise<string[]> {
  return uploadBuilt(s3, bucket, EMBED_PREFIX, buildEmbed(), (path) => !/\.[0-9a-f]{10}\.js$/.test(path));
}
