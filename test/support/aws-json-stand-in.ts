import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request an AWS JSON-protocol stand-in received. */
export type StandInCall = { target: string; headers: IncomingHttpHeaders; body: Record<string, unknown> };

/**
 * A stand-in AWS endpoint for the JSON-protocol services (SQS, Secrets
 * Manager) on 127.0.0.1: the real SDK clients talk to it over HTTP, it
 * records each call and answers what `answer` returns (`__type` for errors).
 */
export async function startAwsJsonStandIn(answer: (call: StandInCall) => Promise<{ status: number; body: unknown }>) {
  const calls: StandInCall[] = [];
  const server: Server = createServer((req, res) => {
    let raw = '';
    req.on('data', (c: Buffer) => (raw += c.toString()));
    req.on('end', () => {
      const call = { target: String(req.headers['x-amz-target'] ?? ''), headers: req.headers, body: raw ? (JSON.parse(raw) as Record<string, unknown>) : {} };
      calls.push(call);
      answer(call).then(
        (r) => res.writeHead(r.status, { 'content-type': String(req.headers['content-type'] ?? 'application/x-amz-json-1.1') }).end(JSON.stringify(r.body)),
        () => res.writeHead(500).end('{}'),
      );
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    calls,
    stop: () => new Promise<void>((r) => (server.closeAllConnections(), server.close(() => r()))),
  };
}

/** Static test credentials for SDK clients pointed at a stand-in. */
export const STAND_IN_CREDENTIALS = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' };
