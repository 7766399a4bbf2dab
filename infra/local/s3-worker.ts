import S3rver from 's3rver';
import { parentPort, workerData } from 'node:worker_threads';

/**
 * s3rver on a thread of its own: hashing and writing objects for the
 * publisher no longer holds the main thread, where feed readers wait.
 */
const { directory, port, buckets } = workerData as { directory: string; port: number; buckets: string[] };
const server = new S3rver({ address: '127.0.0.1', port, directory, silent: true, configureBuckets: buckets.map((name) => ({ name, configs: [] })) });
await server.run();
parentPort!.postMessage({ type: 'ready' });
parentPort!.on('message', (m: { type: string }) => {
  if (m.type !== 'stop') return;
  void server.close().then(() => parentPort!.postMessage({ type: 'stopped' }));
});
