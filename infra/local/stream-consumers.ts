import { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import { recordKindOf } from '../../shared/adapters/dynamo-stream';
import type { HeraldConfig } from '../../shared/config';
import type { HeraldLogger } from '../../shared/logger';
import type { EditorGate } from './editor-gate';
import type { LocalContext, LocalHandlers } from './local-functions';
import { busyCounters, busyWhile, coalesced, heldBy, mayNudge } from './stream-gates';
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
 * HERALD_LOCAL_THREADS=0, and the stream worker, which passes the deferred step's
 * `gate` and `busy`: see editor-gate.ts and busyWhile).
 */
export function streamConsumersHere(setup: StreamSetup, handlers: ((fn: string) => NonNullable<LocalHandlers['stream']>), fns: string[], logger: HeraldLogger, gate?: EditorGate, busy?: Int32Array): StreamConsumers {
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
      // ... and the deferred step (the import's renders) holds its storage requests while it is.
      gate,
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
  // Batches of editors' changes in progress on the worker, and whether one nudge went meanwhile (see busyWhile).
  const busy = busyCounters();
  const worker = startTsWorker(new URL('./stream-worker.ts', import.meta.url), { setup, config, fns, busy });
  worker.on('message', (m: { type: string; queue?: string; body?: string; delaySeconds?: number }) => {
    if (m.type !== 'send') return;
    local.send(m.queue!, m.body!, m.delaySeconds!).catch((err: unknown) => logger.error('local queue send failed', { queue: m.queue, error: String(err) }));
  });
  worker.on('error', (err) => logger.error('stream worker failed', { error: err.stack ?? String(err) }));
  await nextMessage(worker, 'ready');
  return {
    nudge: coalesced(() => mayNudge(busy) && worker.postMessage({ type: 'nudge' })),
    async stop() {
      const stopped = nextMessage(worker, 'stopped').catch(() => undefined);
      worker.postMessage({ type: 'stop' });
      await stopped;
      await worker.terminate();
    },
  };
}
