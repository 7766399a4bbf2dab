import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { SQSEvent } from 'aws-lambda';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FunctionDeclaration } from '../../infra/function-declaration';
import { FUNCTIONS } from '../../infra/functions';
import { LOCAL_FUNCTIONS } from '../../infra/local/local-functions';
import { startLocalRuntime } from '../../infra/local/runtime';
import { handler as worker } from '../support/queue-worker';

/** A function that exists only in this test: a queue consumer, declared like the real ones. */
const declaration: FunctionDeclaration = {
  name: 'test-worker',
  entry: 'test/support/queue-worker.ts',
  description: 'Test-only queue consumer',
  memoryMb: 256,
  timeoutSeconds: 20,
  reservedConcurrency: 1,
  triggers: [{ kind: 'queue', queue: 'test-work', batchSize: 10, maxReceiveCount: 2 }],
  environment: [],
  grants: {},
};

const dataDir = mkdtempSync(join(tmpdir(), 'herald-queue-'));
const received: string[] = [];
let runtime: Awaited<ReturnType<typeof startLocalRuntime>>;

beforeAll(async () => {
  runtime = await startLocalRuntime({
    port: 0,
    host: '127.0.0.1',
    dataDir,
    adminToken: 'queue-test-admin-token-0123456789abcdef',
    functions: [...FUNCTIONS, declaration],
    factories: {
      ...LOCAL_FUNCTIONS,
      'test-worker': () => ({ queue: (event: SQSEvent) => (received.push(...event.Records.map((r) => r.body)), worker(event)) }),
    },
  });
}, 120_000);
afterAll(async () => {
  await runtime?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

async function until(check: () => boolean): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('a queue trigger in the local runtime', () => {
  it('drains the declared queue into its function, and dead-letters what keeps failing', async () => {
    const queue = runtime.queues.get('test-work');
    expect(queue).toBeDefined();

    queue!.send('hello');
    queue!.send('fail');
    await until(() => queue!.deadLetters.length === 1);

    expect(received.filter((b) => b === 'hello')).toHaveLength(1);
    expect(received.filter((b) => b === 'fail')).toHaveLength(2);
  });

  it('still serves the declared routes beside it', async () => {
    const res = await fetch(`http://127.0.0.1:${runtime.port}/api/health`);

    expect(res.status).toBe(200);
  });
});
