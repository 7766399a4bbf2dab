import { parentPort, workerData } from 'node:worker_threads';
import type { HeraldConfig } from '../../shared/config';
import { basics } from '../../shared/wiring/basics';
import { FUNCTIONS } from '../functions';
import { LOCAL_FUNCTIONS, type LocalFactory, type LocalHandlers } from './local-functions';
import { LocalQueue } from './local-queue';
import { localPlan } from './plan';
import { streamConsumersHere, type StreamSetup } from './stream-consumers';

/**
 * The stream functions (the publisher) on a worker thread, wired as on the
 * main thread from the same configuration; queue sends are posted back,
 * except to a queue a function on this thread consumes (the publisher's
 * deferred renders), which runs here too, so rendering an import stays off
 * the thread that answers readers and the API.
 */
const { setup, config, fns } = workerData as { setup: StreamSetup; config: HeraldConfig; fns: (keyof typeof LOCAL_FUNCTIONS)[] };
const port = parentPort!;
const logger = basics(config).logger;
const own = new Map<string, LocalQueue>();
const local = {
  send: (queue: string, body: string, delaySeconds: number) => {
    const here = own.get(queue);
    if (!here) return Promise.resolve(port.postMessage({ type: 'send', queue, body, delaySeconds }));
    if (delaySeconds <= 0) here.send(body);
    else setTimeout(() => here.send(body), delaySeconds * 1000).unref();
    return Promise.resolve();
  },
};
const wired = new Map<string, LocalHandlers>(fns.map((fn) => [fn, (LOCAL_FUNCTIONS[fn] as LocalFactory)(config, local)] as const));
for (const { fn, trigger } of localPlan(FUNCTIONS).queues.filter((q) => wired.has(q.fn))) {
  const queue = new LocalQueue({ name: trigger.queue, handler: wired.get(fn)!.queue!, batchSize: trigger.batchSize, maxReceiveCount: trigger.maxReceiveCount, logger });
  queue.start();
  own.set(trigger.queue, queue);
}
// Renders recorded before a crash or a stop: their step runs now rather than at the next import.
own.get('deferred-renders')?.send(JSON.stringify({ deferred: true }));
const consumers = streamConsumersHere(setup, (fn) => wired.get(fn)!.stream!, fns, logger);
port.on('message', (m: { type: string }) => {
  if (m.type === 'nudge') consumers.nudge();
  if (m.type === 'stop') void Promise.all([consumers.stop(), ...[...own.values()].map((q) => q.stop())]).then(() => port.postMessage({ type: 'stopped' }));
});
port.postMessage({ type: 'ready' });
