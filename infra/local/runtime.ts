import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { makeDocumentClient, makeDynamoClient, makeS3Client } from '../../shared/adapters/aws-clients';
import { DynamoRedirectStore } from '../../shared/adapters/dynamo-redirect-store';
import { MemoryRedirectEdge } from '../../shared/redirects/memory-redirect-edge';
import { loadLocalConfig } from '../../shared/config';
import { json } from '../../shared/http/responses';
import type { HeraldLogger } from '../../shared/logger';
import { sha256Hex } from '../../shared/services/token-verifier';
import { wirePublisher } from '../../shared/wiring/publisher';
import type { FunctionDeclaration } from '../function-declaration';
import { FUNCTIONS } from '../functions';
import { EditorGate } from './editor-gate';
import { startDynamoLocal, startS3Emulator, type Emulator } from './emulators';
import { firstAdminInvitation } from './first-admin';
import { createLocalServer } from './http-server';
import { cachedReader } from './object-cache';
import { readWhole } from './static-objects';
import { LOCAL_FUNCTIONS, type LocalFactory, type LocalHandlers } from './local-functions';
import { LocalQueue } from './local-queue';
import { localPlan, matchRoute } from './plan';
import { ensureBucket, ensureTable, ensureUploadCors } from './provision';
import { startScheduleTimer } from './schedule-timer';
import { streamConsumersHere, streamConsumersOnThread, type StreamConsumers } from './stream-consumers';
import { HOLD_FILE } from './stream-gates';
import { threadsWanted } from './ts-worker';
import { apiDispatcher, wireLocalFunctions } from './wire-local';
import { uploadEditor } from './editor-assets';
import { uploadEmbed } from './embed-assets';

const consoleLogger: HeraldLogger = {
  info: (m, x) => console.log(m, x),
  warn: (m, x) => console.warn(m, x),
  error: (m, x) => console.error(m, x),
};

/** What `npm start` passes in (infra/local/main.ts); the last two exist for tests. */
export type LocalOptions = {
  port: number;
  host: string;
  dataDir: string;
  adminToken: string;
  /** Public base URL written into feeds; defaults to http://localhost:PORT. */
  siteUrl?: string;
  hubs?: string[];
  /** How often rate schedules (the due-item job) run; scheduled items go public within this of their time. */
  scheduleEveryMs?: number;
  /** The function declarations; infra/functions.ts unless a test adds one. */
  functions?: readonly FunctionDeclaration[];
  factories?: Readonly<Record<string, LocalFactory>>;
};

export const LOCAL_TABLE = 'herald';
export const LOCAL_BUCKET = 'herald-local';

/**
 * Herald on one machine: DynamoDB Local and s3rver under DATA_DIR, and every
 * declared function (infra/functions.ts) run in process from one configuration:
 * HTTP routes behind one port, a stream poller in the role of Lambda's event
 * source mapping, timers in the role of the schedule rules, in-process queues.
 * Returns a stop function that ends it all.
 */
export async function startLocalRuntime(options: LocalOptions) {
  const plan = localPlan(options.functions ?? FUNCTIONS);
  // s3rver and the stream consumers on threads of their own, unless a test brings its own wiring.
  const threads = threadsWanted() && !options.factories;
  const started: Emulator[] = [];
  const stops: (() => Promise<void>)[] = [];
  const stopAll = async () => {
    for (const stop of stops.reverse()) await stop().catch(() => undefined);
    for (const e of started.reverse()) await e.stop().catch(() => undefined);
  };
  try {
    const dynamo = await startDynamoLocal({ dir: join(options.dataDir, 'dynamodb') });
    started.push(dynamo);
    const s3emu = await startS3Emulator({ dir: join(options.dataDir, 's3'), thread: threads });
    started.push(s3emu);
    const clients = { region: 'us-east-1', dynamoEndpoint: dynamo.endpoint, s3Endpoint: s3emu.endpoint };
    const s3 = makeS3Client(clients);
    const streamArn = await ensureTable(makeDynamoClient(clients), LOCAL_TABLE);
    await ensureBucket(s3, LOCAL_BUCKET);
    // The editor is built from web/ at every start, so /admin/ always serves this checkout's app.
    await uploadEditor(s3, LOCAL_BUCKET);
    // So is the news box for partner sites (embed/), served at /embed/.
    await uploadEmbed(s3, LOCAL_BUCKET);

    // The port may be chosen by the kernel, and SITE_URL depends on it, so the
    // functions are wired after listening; until then the API answers 503.
    let api: ReturnType<typeof apiDispatcher> | undefined;
    let streams: StreamConsumers | undefined;
    const pageRoutes = plan.routes.filter((r) => !r.path.startsWith('/api/'));
    let siteUrl = options.siteUrl ?? '';
    // Redirects from an old site, served from memory (the cloud's KeyValueStore), loaded below.
    const redirects = new MemoryRedirectEdge();
    const server = createLocalServer({
      api: async (event) => {
        if (!api) return json(503, { error: 'starting', message: 'Herald is starting' });
        const result = await api(event);
        // A write has probably put a record on the stream: no need to wait out the poller's idle sleep.
        if (!['GET', 'HEAD', 'OPTIONS'].includes(event.requestContext.http.method) && result.statusCode < 400) streams?.nudge();
        return result;
      },
      s3,
      bucket: LOCAL_BUCKET,
      logger: consoleLogger,
      siteUrl: () => siteUrl,
      isPageRoute: (method, path) => matchRoute(pageRoutes, method, path) !== undefined,
      uploadOrigin: new URL(s3emu.endpoint).origin,
      redirect: (pathname, search) => redirects.lookup(pathname, search),
      readObject: threads ? cachedReader(resolve(options.dataDir, 's3'), LOCAL_BUCKET, (key) => readWhole(s3, LOCAL_BUCKET, key)) : undefined,
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port, options.host, resolve);
    });
    stops.push(async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    });
    const port = (server.address() as AddressInfo).port;
    const config = loadLocalConfig(process.env, {
      tableName: LOCAL_TABLE,
      bucketName: LOCAL_BUCKET,
      siteUrl: options.siteUrl ?? `http://localhost:${port}`,
      adminTokenSha256: sha256Hex(options.adminToken),
      hubs: options.hubs ?? [],
      dynamoEndpoint: dynamo.endpoint,
      s3Endpoint: s3emu.endpoint,
      dataDir: options.dataDir,
    });
    siteUrl = config.siteUrl;
    await ensureUploadCors(s3, LOCAL_BUCKET, [new URL(config.siteUrl).origin]);
    // Queues exist before the functions that send to them; a delayed message waits on a timer, as SQS's DelaySeconds.
    const queues = new Map<string, LocalQueue>();
    const delayed = new Set<NodeJS.Timeout>();
    stops.push(async () => delayed.forEach((t) => clearTimeout(t)));
    // Without threads, this thread's stream poller holds it and this thread's deferred step waits on it.
    const gate = new EditorGate();
    const local = {
      redirects,
      beforeStep: () => gate.pass(),
      async send(name: string, body: string, delaySeconds: number) {
        const queue = queues.get(name);
        if (!queue) throw new Error(`no local queue ${name}`);
        if (delaySeconds <= 0) return void queue.send(body);
        const timer = setTimeout(() => (delayed.delete(timer), queue.send(body)), delaySeconds * 1000);
        delayed.add(timer);
      },
    };
    const wired = wireLocalFunctions(options.functions ?? FUNCTIONS, options.factories ?? LOCAL_FUNCTIONS, config, local);
    const handler = <K extends keyof LocalHandlers>(fn: string, kind: K) => wired.get(fn)![kind]!;
    const herald = wirePublisher(config);
    // Every feed is re-rendered from current state at start: a changed SITE_URL
    // reaches all of them, and a newcomer's first GET finds an (empty) feed.
    await herald.publisher.rebuildAll();
    redirects.load(await new DynamoRedirectStore(makeDocumentClient(makeDynamoClient(clients)), LOCAL_TABLE).all());
    api = apiDispatcher(plan.routes, wired);

    const setup = { streamArn, dynamoEndpoint: dynamo.endpoint, region: clients.region, checkpointFile: join(options.dataDir, 'stream-checkpoint.json'), holdFile: join(options.dataDir, HOLD_FILE) };
    const fns = plan.streams.map((s) => s.fn);
    streams = threads
      ? await streamConsumersOnThread(setup, config, fns, local, herald.logger)
      : streamConsumersHere(setup, (fn) => handler(fn, 'stream'), fns, herald.logger, gate);
    const running = streams;
    stops.push(() => running.stop());
    for (const { fn, trigger } of plan.timers) {
      const run = handler(fn, 'schedule');
      stops.push(startScheduleTimer({ name: trigger.id, every: trigger.every, run, logger: herald.logger, rateMs: options.scheduleEveryMs ?? 5000 }));
    }
    for (const { fn, trigger } of plan.queues) {
      const queue = new LocalQueue({ name: trigger.queue, handler: handler(fn, 'queue'), batchSize: trigger.batchSize, maxReceiveCount: trigger.maxReceiveCount, concurrency: trigger.maxConcurrency, logger: herald.logger });
      queue.start();
      queues.set(trigger.queue, queue);
      stops.push(() => queue.stop());
    }
    // Stops run last-in first: the gate opens before the queues drain.
    stops.push(async () => gate.open());

    const firstAdminUrl = await firstAdminInvitation(config);

    return {
      port,
      siteUrl: config.siteUrl,
      /** An admin invitation, while nobody has a passkey yet. */
      firstAdminUrl,
      /** The emulators, for inspecting state with the AWS CLI or SDK. */
      endpoints: { dynamodb: dynamo.endpoint, s3: s3emu.endpoint },
      /** The in-process queues by declared name. */
      queues,
      stop: stopAll,
    };
  } catch (err) {
    await stopAll();
    throw err;
  }
}
