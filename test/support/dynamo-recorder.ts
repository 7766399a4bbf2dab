import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One item-level DynamoDB access as IAM authorises it: the action, the index if any, the partition key value. */
export type Access = { action: string; index?: string; leadingKey?: string };

type Attr = { S?: string };
type Req = {
  Key?: Record<string, Attr>;
  Item?: Record<string, Attr>;
  IndexName?: string;
  KeyConditionExpression?: string;
  ExpressionAttributeNames?: Record<string, string>;
  ExpressionAttributeValues?: Record<string, Attr>;
  TransactItems?: Record<string, Req>[];
};

const TRANSACT_ACTIONS: Record<string, string> = { Put: 'PutItem', Update: 'UpdateItem', Delete: 'DeleteItem', ConditionCheck: 'ConditionCheckItem' };

/** The partition-key value a Query's key condition fixes (`pk = :p`, `#k = :v`). */
function queriedKey(r: Req): string | undefined {
  const m = /^\s*(#?\w+)\s*=\s*(:\w+)/.exec(r.KeyConditionExpression ?? '');
  return m ? r.ExpressionAttributeValues?.[m[2]!]?.S : undefined;
}

/** The accesses one DynamoDB JSON request makes, each item of a transaction on its own. */
export function accessesOf(target: string, body: Req): Access[] {
  const op = target.split('.').pop() ?? target;
  if (op === 'TransactWriteItems') {
    return [
      { action: 'dynamodb:TransactWriteItems' },
      ...(body.TransactItems ?? []).flatMap((item) =>
        Object.entries(item).map(([kind, r]) => ({ action: `dynamodb:${TRANSACT_ACTIONS[kind] ?? kind}`, leadingKey: (r.Key ?? r.Item)?.pk?.S })),
      ),
    ];
  }
  if (op === 'Query') return [{ action: 'dynamodb:Query', ...(body.IndexName ? { index: body.IndexName } : {}), leadingKey: queriedKey(body) }];
  return [{ action: `dynamodb:${op}`, leadingKey: (body.Key ?? body.Item)?.pk?.S }];
}

/**
 * A transparent proxy in front of DynamoDB Local that records, per request, the
 * accesses IAM would authorise, so a test can hold what a function really does
 * against what its role allows.
 */
export async function startDynamoRecorder(upstream: string): Promise<{ endpoint: string; accesses: Access[]; stop(): Promise<void> }> {
  const target = new URL(upstream);
  const accesses: Access[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const op = String(req.headers['x-amz-target'] ?? '');
      if (op) accesses.push(...accessesOf(op, JSON.parse(body.toString('utf8') || '{}') as Req));
      const out = request(
        { host: target.hostname, port: target.port, method: req.method, path: req.url, headers: { ...req.headers, host: target.host } },
        (up) => {
          res.writeHead(up.statusCode ?? 502, up.headers);
          up.pipe(res);
        },
      );
      out.on('error', () => res.writeHead(502).end());
      out.end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    accesses,
    async stop() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
