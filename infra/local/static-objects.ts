import { GetObjectCommand, NoSuchKey, type S3Client } from '@aws-sdk/client-s3';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createHash } from 'node:crypto';

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
  const found = await readWhole(s3, bucket, key);
  if (!found) return notFound(res);
  if (found === 'torn') {
    res.writeHead(503, { 'retry-after': '1', 'content-type': 'text/plain; charset=utf-8' }).end('object is being written; retry\n');
    return;
  }
  const { object, bytes } = found;
  const headers: Record<string, string> = {};
  if (object.ContentType) headers['content-type'] = object.ContentType;
  if (object.ETag) headers.etag = object.ETag;
  if (object.LastModified) headers['last-modified'] = object.LastModified.toUTCString();
  if (object.CacheControl) headers['cache-control'] = object.CacheControl;
  if (isNotModified(req, object.ETag, object.LastModified)) {
    res.writeHead(304, headers).end();
    return;
  }
  headers['content-length'] = String(bytes.length);
  res.writeHead(200, headers);
  res.end(req.method === 'HEAD' ? undefined : bytes);
}

/**
 * s3rver writes an object's file in place and its metadata afterwards, so a
 * read racing a write can see a torn body. S3 itself is atomic; to match it,
 * the body is read whole and checked against its ETag (the MD5 of a simple
 * PUT), and read again after a moment when they disagree.
 */
async function readWhole(s3: S3Client, bucket: string, key: string) {
  for (let attempt = 0; attempt < 20; attempt++) {
    let object;
    try {
      object = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }), { abortSignal: AbortSignal.timeout(2000) });
      const bytes = Buffer.from((await object.Body?.transformToByteArray()) ?? []);
      const md5 = createHash('md5').update(bytes).digest('hex');
      if (!object.ETag || object.ETag.replace(/"/g, '') === md5) return { object, bytes };
    } catch (err) {
      if (err instanceof NoSuchKey || (err as { name?: string }).name === 'NoSuchKey') return undefined;
      // s3rver drops the connection mid-body (ECONNRESET 'aborted') when a write replaces the file it streams.
      const { name, code } = err as { name?: string; code?: string };
      if (name !== 'AbortError' && name !== 'TimeoutError' && code !== 'ECONNRESET') throw err;
    }
    await new Promise((r) => setTimeout(r, 25));
  }
  return 'torn' as const;
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
