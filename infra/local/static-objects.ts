import { GetObjectCommand, NoSuchKey, type GetObjectCommandOutput, type S3Client } from '@aws-sdk/client-s3';
import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Readable } from 'node:stream';

/**
 * Serves bucket objects the way CloudFront in front of S3 would: stored
 * Content-Type, ETag, Last-Modified and Cache-Control, and 304 for a matching
 * If-None-Match (or, without one, If-Modified-Since).
 */
export async function serveObject(
  s3: S3Client,
  bucket: string,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
): Promise<void> {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, { allow: 'GET, HEAD', 'content-type': 'text/plain; charset=utf-8' }).end('method not allowed\n');
    return;
  }
  const key = objectKey(url.pathname);
  if (!key) return notFound(res);
  let read: { object: GetObjectCommandOutput; bytes?: Buffer } | undefined;
  try {
    read = await consistentRead(s3, bucket, key);
  } catch (err) {
    if (err instanceof NoSuchKey || (err as { name?: string }).name === 'NoSuchKey') return notFound(res);
    throw err;
  }
  if (!read) {
    res.writeHead(503, { 'retry-after': '1', 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' }).end('being rewritten; retry\n');
    return;
  }
  const { object, bytes } = read;
  const headers: Record<string, string> = {};
  if (object.ContentType) headers['content-type'] = object.ContentType;
  if (object.ETag) headers.etag = object.ETag;
  if (object.LastModified) headers['last-modified'] = object.LastModified.toUTCString();
  if (object.CacheControl) headers['cache-control'] = object.CacheControl;
  const body = object.Body as Readable | undefined;
  if (isNotModified(req, object.ETag, object.LastModified)) {
    body?.destroy();
    res.writeHead(304, headers).end();
    return;
  }
  if (bytes) headers['content-length'] = String(bytes.length);
  else if (object.ContentLength !== undefined) headers['content-length'] = String(object.ContentLength);
  res.writeHead(200, headers);
  if (req.method === 'HEAD' || (!body && !bytes)) {
    body?.destroy();
    res.end();
    return;
  }
  if (bytes) res.end(bytes);
  else body!.pipe(res);
}

/**
 * s3rver writes an object in place, so a GET during a PUT can see the new
 * bytes cut short (CloudFront and S3 never serve a partial object). Objects
 * the publisher wrote carry their sha256; such an object is read whole and
 * re-read until its bytes match it, or undefined after a few tries.
 */
async function consistentRead(
  s3: S3Client,
  bucket: string,
  key: string,
): Promise<{ object: GetObjectCommandOutput; bytes?: Buffer } | undefined> {
  for (let attempt = 0; attempt < 10; attempt++) {
    const object = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
    const expected = object.Metadata?.sha256;
    if (!expected || !object.Body) return { object };
    const bytes = Buffer.from(await object.Body.transformToByteArray());
    if (createHash('sha256').update(bytes).digest('hex') === expected) return { object: { ...object, Body: undefined }, bytes };
    await new Promise((r) => setTimeout(r, 25));
  }
  return undefined;
}

/** The object key for a URL path; directories map to their index.html. */
export function objectKey(pathname: string): string | undefined {
  let path: string;
  try {
    path = decodeURIComponent(pathname);
  } catch {
    return undefined;
  }
  const segments = path.split('/');
  if (segments.some((s) => s === '..' || s === '.') || path.includes('\0')) return undefined;
  const key = path.replace(/^\/+/, '');
  return key === '' || key.endsWith('/') ? `${key}index.html` : key;
}

function isNotModified(req: IncomingMessage, etag: string | undefined, modified: Date | undefined): boolean {
  const ifNoneMatch = req.headers['if-none-match'];
  if (ifNoneMatch !== undefined) {
    if (!etag) return false;
    const bare = (t: string) => t.trim().replace(/^W\//, '');
    return ifNoneMatch.split(',').some((t) => t.trim() === '*' || bare(t) === bare(etag));
  }
  const since = Date.parse(req.headers['if-modified-since'] ?? '');
  return Boolean(modified) && !Number.isNaN(since) && Math.floor(modified!.getTime() / 1000) * 1000 <= since;
}

function notFound(res: ServerResponse): void {
  res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' }).end('not found\n');
}
