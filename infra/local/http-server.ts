import type { S3Client } from '@aws-sdk/client-s3';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { PayloadTooLargeError } from '../../shared/domain/errors';
import { MAX_BODY_BYTES } from '../../shared/http/request';
import { errorResponse, type HttpResult } from '../../shared/http/responses';
import { securityHeaderFields } from '../../shared/http/security-headers';
import type { HeraldLogger } from '../../shared/logger';
import { toApiEvent } from './api-event';
import type { ObjectReader } from './object-cache';
import { serveObject } from './static-objects';

type ApiHandler = (event: APIGatewayProxyEventV2) => Promise<HttpResult>;

/**
 * One port in front of both origins, as CloudFront is in the cloud: /api/* and
 * the declared page routes (review/*) to the handlers, every other path to the bucket.
 */
export function createLocalServer(deps: {
  api: ApiHandler;
  s3: S3Client;
  bucket: string;
  logger: HeraldLogger;
  /** The public base URL, known once the port is (the site CSP names the feeds' XSL by URL). */
  siteUrl: () => string;
  /** Whether a declared route outside /api serves this request (the review page), as a CloudFront behaviour does. */
  isPageRoute?: (method: string, path: string) => boolean;
  /** Where browsers upload (the emulator's origin), which the editor's CSP allows to connect to. */
  uploadOrigin?: string;
  /** The new path of an old-site path and query (GET and HEAD, before static objects), from memory. */
  redirect?: (pathname: string, search: string) => string | undefined;
  /** How bucket objects are read (infra/local/object-cache.ts); straight from the emulator when absent. */
  readObject?: ObjectReader;
}): Server {
  return createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      deps.logger.error('local server fault', { path: req.url, error: err instanceof Error ? err.stack : String(err) });
      if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain; charset=utf-8' });
      res.end('bad gateway\n');
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname === '/api' || url.pathname.startsWith('/api/')) {
      for (const [name, value] of Object.entries(securityHeaderFields('api', deps.siteUrl()))) res.setHeader(name, value);
      const body = await readBody(req);
      const result = body === 'too-large' ? errorResponse(new PayloadTooLargeError(MAX_BODY_BYTES), 'local') : await deps.api(toApiEvent(req, url, body));
      send(res, result);
      return;
    }
    if (deps.isPageRoute?.(req.method ?? 'GET', url.pathname)) {
      for (const [name, value] of Object.entries(securityHeaderFields('page', deps.siteUrl()))) res.setHeader(name, value);
      // The ActivityPub inbox is the one page route that takes a body.
      const body = req.method === 'POST' ? await readBody(req) : await bodyless(req);
      const result = body === 'too-large' ? errorResponse(new PayloadTooLargeError(MAX_BODY_BYTES), 'local') : await deps.api(toApiEvent(req, url, body));
      send(res, result);
      return;
    }
    const to = req.method === 'GET' || req.method === 'HEAD' ? deps.redirect?.(url.pathname, url.search) : undefined;
    if (to !== undefined) {
      // As the edge function answers (infra/edge/redirects.js).
      res.writeHead(301, { location: `${deps.siteUrl()}${to}`, 'cache-control': 'public, max-age=3600', 'content-length': 0 }).end();
      return;
    }
    await serveObject(deps.s3, deps.bucket, req, res, url, deps.siteUrl(), deps.uploadOrigin, deps.readObject);
  }
}

/** A page route takes no body: drain it without keeping it. */
function bodyless(req: IncomingMessage): Promise<Buffer> {
  req.resume();
  return Promise.resolve(Buffer.alloc(0));
}

/** Reads the body, giving up (like API Gateway's own limit) well past the API's limit. */
function readBody(req: IncomingMessage): Promise<Buffer | 'too-large'> {
  const cap = MAX_BODY_BYTES * 4;
  if (Number(req.headers['content-length'] ?? 0) > cap) {
    req.resume();
    return Promise.resolve('too-large');
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= cap) chunks.push(chunk);
    });
    req.on('end', () => resolve(size > cap ? 'too-large' : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function send(res: ServerResponse, result: HttpResult): void {
  const body = result.body ?? '';
  const bytes = result.isBase64Encoded ? Buffer.from(body, 'base64') : Buffer.from(body, 'utf8');
  const headers: Record<string, string | number | string[]> = { ...(result.headers as Record<string, string>) };
  // Payload 2.0 returns cookies apart from the headers; API Gateway sends one Set-Cookie each.
  if (result.cookies?.length) headers['set-cookie'] = result.cookies;
  res.writeHead(result.statusCode, headers);
  res.end(bytes);
}
