import { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import { recordKindOf } from '../../shared/adapters/dynamo-stream';
import type { HeraldConfig } from '../../shared/config';
import type { HeraldLogger } from '../../shared/logger';
import type { LocalContext, LocalHandlers } from './local-functions';
import { busyWhile, coalesced, heldBy } from './stream-gates';
import { StreamPoller } from './stream-poller';
import { nextMessage, startTsWorker } from './ts-worker';

/**
 * What the stream consumers are given: where the stream is, where each function
 * keeps its checkpoint, and the file whose presence holds them (HOLD_FILE).
 */
export type StreamSetup = { streamArn: string; dynamoEndpoint: string; region: string; checkpointFile: string; holdFile?: string };

/** Running stream consumers: `nudge` after a write, `stop` at shutdown. */
export type StreamConsumers = { nudge(): void; stop(): Promise<void> };

/**
 * One poller per stream function, on this thread (tests with their own factories,
 * HERALD_LOCAL_THREADS=0, and the stream worker, which passes `busy`: see busyWhile).
 */
export function streamConsumersHere(setup: StreamSetup, handlers: ((fn: string) => NonNullable<LocalHandlers['stream']>), fns: string[], logger: HeraldLogger, busy?: Int32Array): StreamConsumers {
  const stopping = new AbortController();
  const pollers = fns.map((fn) => {
    const poller = new StreamPoller({
      streams: new DynamoDBStreamsClient({ region: setup.region, endpoint: setup.dynamoEndpoint, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } }),
      streamArn: setup.streamArn,
      checkpointFile: setup.checkpointFile,
      handler: busyWhile(busy, recordKindOf, heldBy(setup.holdFile, handlers(fn), logger, stopping.signal)),
      logger,
      // An editor's change is published ahead of an import's backlog, as it would be if imports had a stream of their own.
      kindOf: recordKindOf,
    });
    poller.start();
    return poller;
  });
  return {
    nudge: () => pollers.forEach((p) => p.nudge()),
    stop: async () => {
      stopping.abort();
      await Promise.all(pollers.map((p) => p.stop()));
    },
  };
}

/**
 * The same pollers and handlers on a worker thread (infra/local/stream-worker.ts):
 * rendering feeds no longer holds the thread that answers readers and the API.
 * The handlers' queue sends come back here, where the queues run.
 */
export async function streamConsumersOnThread(setup: StreamSetup, config: HeraldConfig, fns: string[], local: LocalContext, logger: HeraldLogger): Promise<StreamConsumers> {
  // Batches of editors' changes in progress on the worker: no nudge is sent meanwhile.
  const busy = new Int32Array(new SharedArrayBuffer(4));
  const worker = startTsWorker(new URL('./stream-worker.ts', import.meta.url), { setup, config, fns, busy });
  worker.on('message', (m: { type: string; queue?: string; body?: string; delaySeconds?: number }) => {
    if (m.type !== 'send') return;
    local.send(m.queue!, m.body!, m.delaySeconds!).catch((err: unknown) => logger.error('local queue send failed', { queue: m.queue, error: String(err) }));
  });
  worker.on('error', (err) => logger.error('stream worker failed', { error: err.stack ?? String(err) }));
  await nextMessage(worker, 'ready');
  return {
    nudge: coalesced(() => Atomics.load(busy, 0) === 0 && worker.postMessage({ type: 'nudge' })),
    async stop() {
      const stopped = nextMessage(worker, 'stopped').catch(() => undefined);
      worker.postMessage({ type: 'stop' });
      await stopped;
      await worker.terminate();
    },
  };
}
