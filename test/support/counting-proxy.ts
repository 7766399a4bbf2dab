import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request a consumer made, and how it was answered. */
export type Exchange = { method: string; path: string; status: number; conditional: boolean };

/**
 * A transparent HTTP proxy in front of Herald that records every request and
 * status, so a test can see what a real consumer (newsboat) fetched and
 * whether it was answered 304. Start it first, point SITE_URL at it, then
 * set the target once Herald's port is known.
 */
export async function startCountingProxy(): Promise<{ base: string; log: Exchange[]; target(base: string): void; stop(): Promise<void> }> {
  const log: Exchange[] = [];
  let upstream: URL | undefined;
  const server: Server = createServer((req, res) => {
    if (!upstream) {
      res.writeHead(503).end();
      return;
    }
    const out = request(
      { host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: { ...req.headers, host: upstream.host } },
      (up) => {
        log.push({
          method: req.method ?? '',
          path: req.url ?? '',
          status: up.statusCode ?? 0,
          conditional: Boolean(req.headers['if-none-match'] ?? req.headers['if-modified-since']),
        });
        res.writeHead(up.statusCode ?? 502, up.headers);
        up.pipe(res);
      },
    );
    out.on('error', () => res.writeHead(502).end());
    req.pipe(out);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    base: `http://127.0.0.1:${port}`,
    log,
    target(base: string) {
      upstream = new URL(base);
    },
    async stop() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
