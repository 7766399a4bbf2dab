import type { DynamoDBRecord } from 'aws-lambda';
import { existsSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import type { HeraldLogger } from '../../shared/logger';
import type { LocalHandlers } from './local-functions';

type StreamHandler = NonNullable<LocalHandlers['stream']>;

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
export function heldBy(holdFile: string | undefined, handler: StreamHandler, logger: HeraldLogger, stopping?: AbortSignal): StreamHandler {
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

/**
 * Counts, in `busy[0]` (shared with the API's thread), the batches of editors'
 * changes the handler is publishing; a held batch counts too. The API's
 * thread then sends one nudge per such batch (`busy[1]` says one went): it
 * starts the poller's read of the next page beside the batch, and more
 * would only wake the thread. An import's batch does not count: during it
 * every nudge still wakes the read-ahead that lets an editor's change
 * overtake the import.
 */
export function busyWhile(busy: Int32Array | undefined, kindOf: (r: DynamoDBRecord) => string, handler: StreamHandler): StreamHandler {
  if (!busy) return handler;
  return async (event) => {
    if (event.Records.some((r) => kindOf(r) === 'import')) return handler(event);
    Atomics.store(busy, 1, 0);
    Atomics.add(busy, 0, 1);
    try {
      return await handler(event);
    } finally {
      Atomics.sub(busy, 0, 1);
    }
  };
}

/** Whether the API's thread may nudge the stream worker now: when no editors' batch is in progress, or as the first nudge during one (see busyWhile). */
export const mayNudge = (busy: Int32Array): boolean => Atomics.load(busy, 0) === 0 || Atomics.exchange(busy, 1, 1) === 0;

/** The shared counters busyWhile and mayNudge use: batches in progress, and whether one nudge went meanwhile. */
export const busyCounters = (): Int32Array => new Int32Array(new SharedArrayBuffer(8));

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
