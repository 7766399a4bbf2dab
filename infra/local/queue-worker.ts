import { parentPort, workerData } from 'node:worker_threads';
import type { HeraldConfig } from '../../shared/config';
import { basics } from '../../shared/wiring/basics';
import type { QueueTrigger } from '../function-declaration';
import { EditorGate } from './editor-gate';
import { LOCAL_FUNCTIONS, type LocalFactory } from './local-functions';
import { LocalQueue } from './local-queue';

/**
 * One queue and its consumer on a thread of their own: the publisher's
 * deferred renders, started by the stream thread (stream-worker.ts). A step
 * renders thousands of files; on its own thread its callbacks do not queue
 * ahead of an editor's publish on the stream thread, as in the cloud, where
 * it is another Lambda invocation. Sends to other queues are posted back.
 */
const { config, fn, trigger, gateBuffer } = workerData as { config: HeraldConfig; fn: keyof typeof LOCAL_FUNCTIONS; trigger: QueueTrigger; gateBuffer?: SharedArrayBuffer };
// Held by the stream thread while it publishes an editor's change: the step's requests wait for it.
const gate = gateBuffer && new EditorGate(gateBuffer);
const port = parentPort!;
const later = (send: () => void, delaySeconds: number) => (delaySeconds <= 0 ? send() : void setTimeout(send, delaySeconds * 1000).unref());
let queue: LocalQueue | undefined;
const local = {
  send: (name: string, body: string, delaySeconds: number) =>
    Promise.resolve(name === trigger.queue ? later(() => queue?.send(body), delaySeconds) : port.postMessage({ type: 'send', queue: name, body, delaySeconds })),
  ...(gate ? { beforeStep: () => gate.pass() } : {}),
};
const handler = (LOCAL_FUNCTIONS[fn] as LocalFactory)(config, local).queue!;
queue = new LocalQueue({ name: trigger.queue, handler, batchSize: trigger.batchSize, maxReceiveCount: trigger.maxReceiveCount, logger: basics(config).logger });
queue.start();
port.on('message', (m: { type: string; body?: string; delaySeconds?: number }) => {
  if (m.type === 'send') later(() => queue?.send(m.body!), m.delaySeconds ?? 0);
  if (m.type === 'stop') void queue!.stop().then(() => port.postMessage({ type: 'stopped' }));
});
port.postMessage({ type: 'ready' });
