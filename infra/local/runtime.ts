import { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { makeDynamoClient, makeS3Client } from '../../shared/adapters/aws-clients';
import { sha256Hex } from '../../shared/services/token-verifier';
import { startDynamoLocal, startS3Emulator, type Emulator } from './emulators';
import { createLocalServer } from './http-server';
import { ensureBucket, ensureTable } from './provision';
import { StreamPoller } from './stream-poller';
import { startDueTimer } from './due-timer';
import { json } from '../../shared/http/responses';
import type { HeraldLogger } from '../../shared/logger';

const consoleLogger: HeraldLogger = {
  info: (m, x) => console.log(m, x),
  warn: (m, x) => console.warn(m, x),
  error: (m, x) => console.error(m, x),
};

export type LocalOptions = {
  port: number;
  host: string;
  dataDir: string;
  adminToken: string;
  /** Public base URL written into feeds; defaults to http://localhost:PORT. */
  siteUrl?: string;
  hubs?: string[];
  /** How often the due-item job runs; scheduled items go public within this of their time. */
  scheduleEveryMs?: number;
};

export const LOCAL_TABLE = 'herald';
export const LOCAL_BUCKET = 'herald-local';

/**
 * Herald on one machine: DynamoDB Local and s3rver under DATA_DIR, the real
 * Lambda handlers behind one HTTP port, and a stream poller in the role of
 * Lambda's event source mapping, and a timer in the role of the every-minute
 * schedule that publishes due items. Returns a stop function that ends it all.
 */
export async function startLocalRuntime(options: LocalOptions) {
  const started: Emulator[] = [];
  const stopAll = async () => {
    for (const e of started.reverse()) await e.stop().catch(() => undefined);
  };
  try {
    const dynamo = await startDynamoLocal({ dir: join(options.dataDir, 'dynamodb') });
    started.push(dynamo);
    const s3emu = await startS3Emulator({ dir: join(options.dataDir, 's3') });
    started.push(s3emu);

    // The handlers read their configuration from the environment, as in Lambda.
    Object.assign(process.env, {
      TABLE_NAME: LOCAL_TABLE,
      BUCKET_NAME: LOCAL_BUCKET,
      ADMIN_TOKEN_SHA256: sha256Hex(options.adminToken),
      HERALD_DYNAMODB_ENDPOINT: dynamo.endpoint,
      HERALD_S3_ENDPOINT: s3emu.endpoint,
      WEBSUB_HUBS: (options.hubs ?? []).join(','),
      POWERTOOLS_LOG_LEVEL: process.env.POWERTOOLS_LOG_LEVEL ?? 'WARN',
      // CloudWatch metrics mean nothing on one machine; the EMF lines would only be noise.
      POWERTOOLS_METRICS_DISABLED: process.env.POWERTOOLS_METRICS_DISABLED ?? 'true',
    });
    const clients = { region: 'us-east-1', dynamoEndpoint: dynamo.endpoint, s3Endpoint: s3emu.endpoint };
    const s3 = makeS3Client(clients);
    const streamArn = await ensureTable(makeDynamoClient(clients), LOCAL_TABLE);
    await ensureBucket(s3, LOCAL_BUCKET);

    // The port may be chosen by the kernel, and SITE_URL depends on it, so the
    // handlers are loaded after listening; until then the API answers 503.
    let api: typeof import('../../functions/admin/handler').handler | undefined;
    const server = createLocalServer({
      api: (event) => (api ? api(event) : Promise.resolve(json(503, { error: 'starting', message: 'Herald is starting' }))),
      s3,
      bucket: LOCAL_BUCKET,
      logger: consoleLogger,
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port, options.host, resolve);
    });
    const port = (server.address() as AddressInfo).port;
    process.env.SITE_URL = options.siteUrl ?? `http://localhost:${port}`;
    // An http SITE_URL makes every page and resolved body link http; allow them (shared/config.ts).
    if (process.env.SITE_URL.startsWith('http:')) process.env.ALLOW_HTTP_LINKS ??= 'true';

    const { handler: publish } = await import('../../functions/publisher/handler');
    const { wirePublisher } = await import('../../shared/wiring/publisher');
    const herald = wirePublisher();
    // Every feed is re-rendered from current state at start: a changed SITE_URL
    // reaches all of them, and a newcomer's first GET finds an (empty) feed.
    await herald.publisher.rebuildAll();
    api = (await import('../../functions/admin/handler')).handler;

    const poller = new StreamPoller({
      streams: new DynamoDBStreamsClient({
        region: 'us-east-1',
        endpoint: dynamo.endpoint,
        credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
      }),
      streamArn,
      checkpointFile: join(options.dataDir, 'stream-checkpoint.json'),
      handler: publish,
      logger: herald.logger,
    });
    poller.start();
    const stopDueTimer = startDueTimer({
      // The same due-item job the cloud's scheduler function runs every minute.
      publishDue: (await import('../../shared/wiring/scheduler')).wireScheduler().schedule.publishDue,
      logger: herald.logger,
      everyMs: options.scheduleEveryMs ?? 5000,
    });

    return {
      port,
      siteUrl: process.env.SITE_URL,
      /** The emulators, for inspecting state with the AWS CLI or SDK. */
      endpoints: { dynamodb: dynamo.endpoint, s3: s3emu.endpoint },
      async stop() {
        await stopDueTimer();
        await poller.stop();
        server.closeAllConnections();
        await new Promise<void>((resolve) => server.close(() => resolve()));
        await stopAll();
      },
    };
  } catch (err) {
    await stopAll();
    throw err;
  }
}
