import { parentPort, workerData } from 'node:worker_threads';
import type { HeraldConfig } from '../../shared/config';
import { basics } from '../../shared/wiring/basics';
import { LOCAL_FUNCTIONS, type LocalFactory } from './local-functions';
import { streamConsumersHere, type StreamSetup } from './stream-consumers';

/**
 * The stream functions (the publisher) on a worker thread, wired as on the
 * main thread from the same configuration; queue sends are posted back.
 */
const { setup, config, fns } = workerData as { setup: StreamSetup; config: HeraldConfig; fns: (keyof typeof LOCAL_FUNCTIONS)[] };
const port = parentPort!;
const local = {
  send: (queue: string, body: string, delaySeconds: number) => Promise.resolve(port.postMessage({ type: 'send', queue, body, delaySeconds })),
};
const handlers = new Map(fns.map((fn) => [fn, (LOCAL_FUNCTIONS[fn] as LocalFactory)(config, local).stream!] as const));
const consumers = streamConsumersHere(setup, (fn) => handlers.get(fn as keyof typeof LOCAL_FUNCTIONS)!, fns, basics(config).logger);
port.on('message', (m: { type: string }) => {
  if (m.type === 'nudge') consumers.nudge();
  if (m.type === 'stop') void consumers.stop().then(() => port.postMessage({ type: 'stopped' }));
});
port.postMessage({ type: 'ready' });
