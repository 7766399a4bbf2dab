import { Worker } from 'node:worker_threads';

/**
 * A worker thread running a TypeScript module of this checkout. `npm start`
 * runs under tsx, whose loader does not reach worker threads, so the worker
 * registers it before importing the module.
 */
export function startTsWorker(module: URL, workerData: unknown): Worker {
  const code = `import('tsx/esm/api').then((m) => { m.register(); return import(${JSON.stringify(module.href)}); })`;
  return new Worker(code, { eval: true, workerData });
}

/** The worker's first message of `type`, or its error or early exit as a rejection. */
export function nextMessage<T extends { type: string }>(worker: Worker, type: T['type']): Promise<T> {
  return new Promise((resolve, reject) => {
    const onMessage = (m: T) => {
      if (m?.type !== type) return;
      cleanup();
      resolve(m);
    };
    const onError = (err: Error) => (cleanup(), reject(err));
    const onExit = (code: number) => (cleanup(), reject(new Error(`worker exited (${code}) before "${type}"`)));
    const cleanup = () => {
      worker.off('message', onMessage);
      worker.off('error', onError);
      worker.off('exit', onExit);
    };
    worker.on('message', onMessage);
    worker.once('error', onError);
    worker.once('exit', onExit);
  });
}

/** Off with HERALD_LOCAL_THREADS=0: everything on the main thread, as before (for comparisons). */
export const threadsWanted = (env: NodeJS.ProcessEnv = process.env): boolean => env.HERALD_LOCAL_THREADS !== '0';
