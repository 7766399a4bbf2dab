import { parentPort, workerData } from 'node:worker_threads';
import type { HeraldConfig } from '../../shared/config';
import { basics } from '../../shared/wiring/basics';
import { FUNCTIONS } from '../functions';
import { EditorGate } from './editor-gate';
import { LOCAL_FUNCTIONS, type LocalFactory, type LocalHandlers } from './local-functions';
import type { Worker } from 'node:worker_threads';
import { localPlan } from './plan';
import { streamConsumersHere, type StreamSetup } from './stream-consumers';
import { nextMessage, startTsWorker } from './ts-worker';

/**
 * The stream functions (the publisher) on a worker thread, wired as on the
 * main thread from the same configuration; queue sends are posted back,
 * except to a queue a function on this thread consumes (the publisher's
 * deferred renders), which runs on a thread of its own (queue-worker.ts), so
 * rendering an import holds neither the API's thread nor the stream's.
 */
const { setup, config, fns, busy } = workerData as { setup: StreamSetup; config: HeraldConfig; fns: (keyof typeof LOCAL_FUNCTIONS)[]; busy?: Int32Array };
const port = parentPort!;
const logger = basics(config).logger;
const own = new Map<string, Worker>();
// Held here while an editor's change is published; the queue threads' steps wait on it.
const gate = new EditorGate();
const local = {
  send: (queue: string, body: string, delaySeconds: number) => {
    const there = own.get(queue);
    return Promise.resolve(there ? there.postMessage({ type: 'send', body, delaySeconds }) : port.postMessage({ type: 'send', queue, body, delaySeconds }));
  },
  // The ordered pass's import batches wait too: during an editor's publish only it runs here.
  beforeImport: () => gate.pass(),
};
const wired = new Map<string, LocalHandlers>(fns.map((fn) => [fn, (LOCAL_FUNCTIONS[fn] as LocalFactory)(config, local)] as const));
for (const { fn, trigger } of localPlan(FUNCTIONS).queues.filter((q) => wired.has(q.fn))) {
  const worker = startTsWorker(new URL('./queue-worker.ts', import.meta.url), { config, fn, trigger, gateBuffer: gate.buffer });
  // Its sends to other queues go on to the main thread.
  worker.on('message', (m: { type: string }) => m.type === 'send' && port.postMessage(m));
  worker.on('error', (err) => logger.error('queue worker failed', { queue: trigger.queue, error: err.stack ?? String(err) }));
  await nextMessage(worker, 'ready');
  own.set(trigger.queue, worker);
}
// Renders recorded before a crash or a stop: their step runs now rather than at the next import.
void local.send('deferred-renders', JSON.stringify({ deferred: true }), 0);
const consumers = streamConsumersHere(setup, (fn) => wired.get(fn)!.stream!, fns, logger, gate, busy);
port.on('message', (m: { type: string }) => {
  if (m.type === 'nudge') consumers.nudge();
  if (m.type === 'stop') {
    // Nothing waits on the gate any more, so the steps drain at once.
    gate.open();
    void Promise.all([consumers.stop(), ...[...own.values()].map(stopWorker)]).then(() => port.postMessage({ type: 'stopped' }));
  }
});
port.postMessage({ type: 'ready' });

async function stopWorker(worker: Worker): Promise<void> {
  const stopped = nextMessage(worker, 'stopped').catch(() => undefined);
  worker.postMessage({ type: 'stop' });
  await stopped;
  await worker.terminate();
}
