import type { S3Client } from '@aws-sdk/client-s3';
import { buildEditor } from '../../web/build';
import { uploadBuilt } from './upload-built';

/** The bucket prefix the editor lives under, served at /admin/. */
export const EDITOR_PREFIX = 'admin/';

/** Builds the editor (web/) and uploads it under admin/, index.html (which names the hashed files) last. */
export async function uploadEditor(s3: S3Client, bucket: string): Promise<string[]> {
  return uploadBuilt(s3, bucket, EDITOR_PREFIX, await buildEditor(), (path) => path === 'index.html');
}
