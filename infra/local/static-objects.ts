import { GetObjectCommand, NoSuchKey, type GetObjectCommandOutput, type S3Client } from '@aws-sdk/client-s3';
import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Readable } from 'node:stream';
import { corsHeaderFields, isCorsPath, preflightHeaderFields } from '../../shared/http/cors';
import { EMBED_FRAME_PATH, securityHeaderFields } from '../../shared/http/security-headers';
import type { ObjectReader, WholeObject } from './object-cache';

/**
 * Serves bucket objects the way CloudFront in front of S3 would: stored
 * Content-Type, ETag, Last-Modified and Cache-Control, and 304 for a matching
 * If-None-Match (or, without one, If-Modified-Since), with the site's security headers.
 */
export async function serveObject(
  s3: S3Client,
  bucket: string,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  siteUrl: string,
  uploadOrigin?: string,
  read: ObjectReader = (key) => readWhole(s3, bucket, key),
): Promise<void> {
  // What CloudFront's response-headers policies add to every bucket answer, 404s included:
  // the editor's set under /admin/ (its own behaviour in the cloud), the framable one on the
  // news box's page, the site's elsewhere; CORS on feeds and the embed module (shared/http/cors.ts).
  const kind = url.pathname === '/admin' || url.pathname.startsWith('/admin/') ? 'admin' : url.pathname === EMBED_FRAME_PATH ? 'embed' : 'site';
  for (const [name, value] of Object.entries(securityHeaderFields(kind, siteUrl, uploadOrigin))) res.setHeader(name, value);
  const cors = isCorsPath(url.pathname) && url.pathname !== EMBED_FRAME_PATH;
  if (cors && req.method === 'OPTIONS') {
    // The preflight, answered as the cloud's edge function answers it.
    res.writeHead(204, preflightHeaderFields()).end();
    return;
  }
  if (cors) for (const [name, value] of Object.entries(corsHeaderFields())) res.setHeader(name, value);
  if (url.pathname === '/admin') {
    // The editor's relative URLs resolve under /admin/, so the bare path redirects (as the cloud's edge function does).
    res.writeHead(301, { location: `/admin/${url.search}`, 'cache-control': 'no-store' }).end();
    return;
  }
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, { allow: 'GET, HEAD', 'content-type': 'text/plain; charset=utf-8' }).end('method not allowed\n');
    return;
  }
  const key = objectKey(url.pathname);
  if (!key) return notFound(res);
  const object = await read(key);
  if (!object) return notFound(res);
  const { bytes } = object;
  const headers: Record<string, string> = {};
  if (object.contentType) headers['content-type'] = object.contentType;
  if (object.etag) headers.etag = object.etag;
  if (object.lastModified) headers['last-modified'] = object.lastModified.toUTCString();
  if (object.cacheControl) headers['cache-control'] = object.cacheControl;
  if (isNotModified(req, object.etag, object.lastModified)) {
    res.writeHead(304, headers).end();
    return;
  }
  headers['content-length'] = String(bytes.length);
  res.writeHead(200, headers);
  res.end(req.method === 'HEAD' ? undefined : bytes);
}

/**
 * An object read whole and checked against its length and MD5 ETag. s3rver
 * rewrites an object's file in place, so a read racing a write can be torn
 * (or stall short of its Content-Length); S3 never serves that, so neither
 * does the local runtime: it reads again. Feeds are small enough to buffer.
 */
export async function readWhole(s3: S3Client, bucket: string, key: string): Promise<WholeObject | undefined> {
  for (let attempt = 1; ; attempt++) {
    try {
      // Short limits: a local read of a feed takes milliseconds, and a torn one
      // stalls until the limit, so a long one would hold the reader for seconds.
      const object = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }), { abortSignal: AbortSignal.timeout(2_000) });
      const bytes = await bodyWithin(object, 500);
      const md5 = createHash('md5').update(bytes).digest('hex');
      const whole = object.ContentLength === bytes.length && (!object.ETag || object.ETag.replace(/"/g, '') === md5);
      if (whole) return { contentType: object.ContentType, etag: object.ETag, lastModified: object.LastModified, cacheControl: object.CacheControl, bytes };
      if (attempt >= 5) throw new Error(`object ${key} was torn by a concurrent write on every read`);
    } catch (err) {
      if (err instanceof NoSuchKey || (err as { name?: string }).name === 'NoSuchKey') return undefined;
      // A torn read, a stalled body or a reset connection (s3rver drops it mid-body
      // when a write replaces the file it streams) are all retried.
      if (attempt >= 5) throw err;
    }
    await new Promise((r) => setTimeout(r, 25 * attempt));
  }
}

/** The object's body, or an error when it stalls (a torn read can stop short of its length). */
async function bodyWithin(object: GetObjectCommandOutput, ms: number): Promise<Buffer> {
  const body = object.Body;
  if (!body) return Buffer.alloc(0);
  let timer: NodeJS.Timeout | undefined;
  const stalled = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      (body as Readable).destroy?.();
      reject(new Error('object body stalled'));
    }, ms);
  });
  try {
    return Buffer.from(await Promise.race([body.transformToByteArray(), stalled]));
  } finally {
    clearTimeout(timer);
  }
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
  // Uploads are unchecked bytes until `complete`; the cloud's bucket policy keeps CloudFront from them too.
  if (key.startsWith('uploads/')) return undefined;
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
