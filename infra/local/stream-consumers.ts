import { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import { existsSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { recordKindOf } from '../../shared/adapters/dynamo-stream';
import type { HeraldConfig } from '../../shared/config';
import type { HeraldLogger } from '../../shared/logger';
import type { LocalContext, LocalHandlers } from './local-functions';
import { StreamPoller } from './stream-poller';
import { nextMessage, startTsWorker } from './ts-worker';

/**
 * What the stream consumers are given: where the stream is, where each function
 * keeps its checkpoint, and the file whose presence holds them (HOLD_FILE).
 */
export type StreamSetup = { streamArn: string; dynamoEndpoint: string; region: string; checkpointFile: string; holdFile?: string };

/**
 * `DATA_DIR/publisher.hold`: while it exists, the stream functions take no
 * batch (records wait in the stream, as behind a disabled event source
 * mapping); removing it releases them from the checkpoint. The throughput
 * bench holds the publisher this way to measure the write path alone.
 */
export const HOLD_FILE = 'publisher.hold';

/**
 * The handler, waiting before each batch while `holdFile` exists (one stat a
 * batch otherwise). A stop during a hold fails the batch, which the poller
 * leaves in the stream for the next start.
 */
export function heldBy(holdFile: string | undefined, handler: NonNullable<LocalHandlers['stream']>, logger: HeraldLogger, stopping?: AbortSignal): NonNullable<LocalHandlers['stream']> {
  if (!holdFile) return handler;
  return async (event) => {
    if (existsSync(holdFile)) {
      // Said once a hold, so a file left behind is never a silent stop.
      logger.warn('stream functions held', { holdFile });
      while (existsSync(holdFile)) {
        if (stopping?.aborted) throw new Error('stopped while held: the batch stays in the stream');
        await sleep(100);
      }
      logger.info('stream functions released', { holdFile });
    }
    return handler(event);
  };
}

/** Running stream consumers: `nudge` after a write, `stop` at shutdown. */
export type StreamConsumers = { nudge(): void; stop(): Promise<void> };

/** One poller per stream function, on this thread (tests with their own factories, HERALD_LOCAL_THREADS=0). */
export function streamConsumersHere(setup: StreamSetup, handlers: ((fn: string) => NonNullable<LocalHandlers['stream']>), fns: string[], logger: HeraldLogger): StreamConsumers {
  const stopping = new AbortController();
  const pollers = fns.map((fn) => {
    const poller = new StreamPoller({
      streams: new DynamoDBStreamsClient({ region: setup.region, endpoint: setup.dynamoEndpoint, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } }),
      streamArn: setup.streamArn,
      checkpointFile: setup.checkpointFile,
      handler: heldBy(setup.holdFile, handlers(fn), logger, stopping.signal),
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
  const worker = startTsWorker(new URL('./stream-worker.ts', import.meta.url), { setup, config, fns });
  worker.on('message', (m: { type: string; queue?: string; body?: string; delaySeconds?: number }) => {
    if (m.type !== 'send') return;
    local.send(m.queue!, m.body!, m.delaySeconds!).catch((err: unknown) => logger.error('local queue send failed', { queue: m.queue, error: String(err) }));
  });
  worker.on('error', (err) => logger.error('stream worker failed', { error: err.stack ?? String(err) }));
  await nextMessage(worker, 'ready');
  return {
    nudge: coalesced(() => worker.postMessage({ type: 'nudge' })),
    async stop() {
      const stopped = nextMessage(worker, 'stopped').catch(() => undefined);
      worker.postMessage({ type: 'stop' });
      await stopped;
      await worker.terminate();
    },
  };
}

/** At most one nudge message per this window; a later write in it still gets one at its end. */
const NUDGE_WINDOW_MS = 10;

/**
 * `send` at once, unless it ran less than NUDGE_WINDOW_MS ago: then once at the
 * window's end. Waking an idle worker thread cost the API's thread about 0.4 ms
 * a message on two busy cores (1 us when the worker was already awake), once
 * per POST, while one wake-up a window already makes the poller read every record.
 */
export function coalesced(send: () => void, windowMs = NUDGE_WINDOW_MS): () => void {
  let last = -Infinity;
  let pending: NodeJS.Timeout | undefined;
  const fire = () => ((pending = undefined), (last = performance.now()), send());
  return () => {
    if (pending) return;
    const since = performance.now() - last;
    if (since >= windowMs) fire();
    else pending = setTimeout(fire, windowMs - since);
  };
}
