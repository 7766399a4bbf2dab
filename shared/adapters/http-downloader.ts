import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { BLOCKED_CODE, guardedLookup, isBlockedAddress, literalHost } from '../http/address-guard';
import { FetchFailedError, FetchTooLargeError, PrivateAddressError } from '../domain/media-fetch';
import type { Download } from '../ports/downloader';

/** Defaults: the whole download (every redirect included) within 20 s, at most 3 redirects. */
export const DOWNLOAD_TIMEOUT_MS = 20_000;
export const MAX_REDIRECTS = 3;

type Options = { allowPrivate: boolean; timeoutMs?: number; maxRedirects?: number; userAgent?: string };

/**
 * Downloads with node:http(s): each hop's address checked (an IP literal here,
 * a name on the socket's own DNS answer), redirects followed by hand so every
 * hop is checked, the body counted while it streams and dropped past the limit.
 */
export function makeHttpDownloader(opts: Options): Download {
  const timeoutMs = opts.timeoutMs ?? DOWNLOAD_TIMEOUT_MS;
  const maxRedirects = opts.maxRedirects ?? MAX_REDIRECTS;
  return async (start, maxBytes) => {
    const signal = AbortSignal.timeout(timeoutMs);
    let url = start;
    for (let hop = 0; ; hop++) {
      const res = await get(url, signal, opts);
      const status = res.statusCode ?? 0;
      if (status >= 300 && status < 400 && res.headers.location !== undefined) {
        res.resume();
        if (hop >= maxRedirects) throw new FetchFailedError(start, `more than ${maxRedirects} redirects`);
        const next = URL.canParse(res.headers.location, url) ? new URL(res.headers.location, url) : undefined;
        if (!next || !['http:', 'https:'].includes(next.protocol)) throw new FetchFailedError(start, `redirected to a URL that is not http(s)`);
        url = next.href;
        continue;
      }
      if (status < 200 || status >= 300) {
        res.resume();
        throw new FetchFailedError(start, `${url === start ? '' : `(via ${url.slice(0, 300)}) `}answered HTTP ${status}`);
      }
      return { bytes: await readCapped(res, maxBytes, start), url };
    }
  };
}

function get(url: string, signal: AbortSignal, opts: Options): Promise<IncomingMessage> {
  const u = new URL(url);
  const { host, literal } = literalHost(u);
  if (!opts.allowPrivate && literal && isBlockedAddress(host)) return Promise.reject(new PrivateAddressError(url, `${host} is a private, loopback or link-local address`));
  return new Promise((resolve, reject) => {
    const req = (u.protocol === 'https:' ? httpsRequest : httpRequest)(
      u,
      {
        method: 'GET',
        headers: { 'user-agent': opts.userAgent ?? 'Herald-MediaFetch/1', accept: '*/*' },
        signal,
        ...(opts.allowPrivate ? {} : { lookup: guardedLookup }),
      },
      resolve,
    );
    req.on('error', (err: NodeJS.ErrnoException) => {
      if (err.code === BLOCKED_CODE) reject(new PrivateAddressError(url, err.message));
      else if (err.name === 'AbortError' || err.name === 'TimeoutError') reject(new FetchFailedError(url, 'no complete answer in time'));
      else reject(new FetchFailedError(url, `unreachable (${err.code ?? err.message})`));
    });
    req.end();
  });
}

/** The body, refused as soon as it (or its declared length) passes `max`. */
function readCapped(res: IncomingMessage, max: number, url: string): Promise<Buffer> {
  const declared = Number(res.headers['content-length'] ?? NaN);
  if (Number.isFinite(declared) && declared > max) {
    res.destroy();
    return Promise.reject(new FetchTooLargeError(url, max));
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    res.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > max) {
        res.destroy();
        reject(new FetchTooLargeError(url, max));
        return;
      }
      chunks.push(chunk);
    });
    res.on('end', () => resolve(Buffer.concat(chunks)));
    res.on('error', (err: Error) => reject(err.name === 'AbortError' ? new FetchFailedError(url, 'no complete answer in time') : new FetchFailedError(url, `the body broke off (${err.message})`)));
  });
}
