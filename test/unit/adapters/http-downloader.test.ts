import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { makeHttpDownloader } from '../../../shared/adapters/http-downloader';
import type { HeraldError } from '../../../shared/domain/errors';

let server: Server;
let base = '';
const held: import('node:http').ServerResponse[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const hops = Number(url.searchParams.get('hops') ?? 0);
    if (url.pathname === '/file') return void res.writeHead(200, { 'content-type': 'application/octet-stream' }).end(Buffer.alloc(1000, 7));
    if (url.pathname === '/hop') {
      return void res.writeHead(302, { location: hops > 1 ? `/hop?hops=${hops - 1}` : '/file' }).end();
    }
    if (url.pathname === '/to-ftp') return void res.writeHead(301, { location: 'ftp://example.org/x' }).end();
    if (url.pathname === '/declared-big') return void res.writeHead(200, { 'content-length': 10_000 }).end(Buffer.alloc(10_000));
    if (url.pathname === '/chunked-big') {
      res.writeHead(200, { 'content-type': 'application/octet-stream' });
      for (let i = 0; i < 20; i++) res.write(Buffer.alloc(1000));
      return void res.end();
    }
    if (url.pathname === '/hang') return void held.push(res);
    res.writeHead(404).end('gone');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  for (const res of held) res.destroy();
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
});

const local = makeHttpDownloader({ allowPrivate: true, timeoutMs: 2_000 });
/** The typed error a download fails with (status, code, message); fails the test if it succeeds. */
async function failure(p: Promise<unknown>): Promise<Pick<HeraldError, 'status' | 'code' | 'message'>> {
  const outcome = await p.then(() => undefined, (err: HeraldError) => err);
  if (!outcome) throw new Error('the download succeeded');
  return { status: outcome.status, code: outcome.code, message: outcome.message };
}

describe('the media downloader', () => {
  it('brings back the bytes and the URL they came from, following up to 3 redirects', async () => {
    expect((await local(`${base}/file`, 5_000)).bytes).toEqual(Buffer.alloc(1000, 7));
    const after3 = await local(`${base}/hop?hops=3`, 5_000);
    expect(after3).toEqual({ bytes: Buffer.alloc(1000, 7), url: `${base}/file` });
  });

  it('gives up after the third redirect with a 422', async () => {
    expect(await failure(local(`${base}/hop?hops=4`, 5_000))).toMatchObject({ status: 422, code: 'fetch_failed', message: expect.stringContaining('more than 3 redirects') });
  });

  it('answers an HTTP error with a 422 naming the URL and the status', async () => {
    const err = await failure(local(`${base}/missing.jpg`, 5_000));
    expect(err).toMatchObject({ status: 422 });
    expect(err.message).toContain(`${base}/missing.jpg`);
    expect(err.message).toContain('HTTP 404');
  });

  it('refuses a redirect to another scheme', async () => {
    expect((await failure(local(`${base}/to-ftp`, 5_000))).status).toBe(422);
  });

  it('refuses a body above the limit: declared, or counted while it streams', async () => {
    expect(await failure(local(`${base}/declared-big`, 5_000))).toMatchObject({ status: 413, code: 'payload_too_large' });
    expect(await failure(local(`${base}/chunked-big`, 5_000))).toMatchObject({ status: 413 });
    expect((await local(`${base}/chunked-big`, 20_000)).bytes.length).toBe(20_000);
  });

  it('stops waiting at its time limit', async () => {
    const quick = makeHttpDownloader({ allowPrivate: true, timeoutMs: 300 });
    expect(await failure(quick(`${base}/hang`, 5_000))).toMatchObject({ status: 422, message: expect.stringContaining('in time') });
  });

  it('answers an unreachable host with a 422', async () => {
    expect((await failure(local('http://127.0.0.1:1/x', 5_000))).status).toBe(422);
  });
});

describe('where private addresses are not allowed (the cloud)', () => {
  const cloud = makeHttpDownloader({ allowPrivate: false, timeoutMs: 2_000 });

  it.each(['http://127.0.0.1', 'http://[::1]', 'http://169.254.169.254', 'http://10.0.0.7'])('refuses the literal %s with a 403', async (host) => {
    expect(await failure(cloud(`${host}/latest/meta-data/`, 5_000))).toMatchObject({ status: 403, code: 'private_address' });
  });

  it('refuses a name that resolves to loopback with a 403, on the socket\'s own lookup', async () => {
    const port = new URL(base).port;
    expect(await failure(cloud(`http://localhost:${port}/file`, 5_000))).toMatchObject({ status: 403 });
  });
});
