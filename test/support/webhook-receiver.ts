import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One POST a receiver got: its path, headers, body, and when. */
export type WebhookHit = { path: string; headers: Record<string, string>; body: string; at: number };

/**
 * A webhook target on another port: `/ok` answers 204, `/flaky` answers 500
 * the first time and 204 after, `/hang` never answers. It records every POST;
 * the test verifies signatures itself.
 */
export async function startWebhookReceiver(): Promise<{ base: string; hits: WebhookHit[]; stop(): Promise<void> }> {
  const hits: WebhookHit[] = [];
  let flaky = 0;
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString('utf8')));
    req.on('end', () => {
      const path = req.url ?? '/';
      hits.push({ path, headers: req.headers as Record<string, string>, body, at: Date.now() });
      if (path === '/hang') return;
      if (path === '/flaky' && flaky++ === 0) return void res.writeHead(500).end('try later');
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    hits,
    async stop() {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
    },
  };
}
