import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One publish ping as a hub received it. */
export type Ping = { hub: string; mode: string | null; topic: string | null; contentType: string };

/**
 * A WebSub hub stand-in on loopback. Every path is a hub: /ok answers 204,
 * /flaky answers 503 to the first ping of each topic and 204 after, /refuse
 * answers 400, /hang never answers. Records every ping it receives.
 */
export async function startHubStandIn(): Promise<{ base: string; pings: Ping[]; stop(): Promise<void> }> {
  const pings: Ping[] = [];
  const seen = new Set<string>();
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const form = new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
      const hub = (req.url ?? '/').slice(1);
      const ping = { hub, mode: form.get('hub.mode'), topic: form.get('hub.url'), contentType: req.headers['content-type'] ?? '' };
      pings.push(ping);
      if (hub === 'refuse') return void res.writeHead(400).end();
      if (hub === 'hang') return; // never answers: the notifier must time out
      if (hub === 'flaky' && !seen.has(`${ping.topic}`)) {
        seen.add(`${ping.topic}`);
        return void res.writeHead(503).end();
      }
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    base: `http://127.0.0.1:${port}`,
    pings,
    async stop() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
