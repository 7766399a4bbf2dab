import { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { S3Client } from '@aws-sdk/client-s3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeDocumentClient, makeDynamoClient, makeS3Client } from '../../shared/adapters/aws-clients';
import { startDynamoLocal, startS3Emulator } from '../../infra/local/emulators';
import { ensureBucket, ensureTable } from '../../infra/local/provision';

/** Real DynamoDB Local and s3rver on free ports, with Herald's table and bucket. */
export type Emulators = {
  dynamo: DynamoDBClient;
  doc: DynamoDBDocumentClient;
  s3: S3Client;
  streams: DynamoDBStreamsClient;
  table: string;
  bucket: string;
  streamArn: string;
  endpoints: { dynamo: string; s3: string };
  stop(): Promise<void>;
};

let tables = 0;

/**
 * Starts both emulators (DynamoDB in memory, s3rver in a temp folder) for one
 * test file; `s3Thread` runs s3rver on a worker thread, as `npm start` does.
 */
export async function startEmulators(options: { s3Thread?: boolean } = {}): Promise<Emulators> {
  const dir = mkdtempSync(join(tmpdir(), 'herald-test-'));
  const [ddb, s3emu] = await Promise.all([startDynamoLocal(), startS3Emulator({ dir, thread: options.s3Thread })]);
  const config = { region: 'us-east-1', dynamoEndpoint: ddb.endpoint, s3Endpoint: s3emu.endpoint };
  const dynamo = makeDynamoClient(config);
  const s3 = makeS3Client(config);
  const table = `herald-test-${process.pid}-${++tables}`;
  const bucket = 'herald-test';
  const streamArn = await ensureTable(dynamo, table);
  await ensureBucket(s3, bucket);
  return {
    dynamo,
    doc: makeDocumentClient(dynamo),
    s3,
    streams: new DynamoDBStreamsClient({
      region: 'us-east-1',
      endpoint: ddb.endpoint,
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    }),
    table,
    bucket,
    streamArn,
    endpoints: { dynamo: ddb.endpoint, s3: s3emu.endpoint },
    async stop() {
      dynamo.destroy();
      s3.destroy();
      await Promise.all([ddb.stop(), s3emu.stop()]);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The environment a built Lambda entry reads its configuration from, pointed at these emulators. */
export const lambdaEnvOn = (emu: Pick<Emulators, 'table' | 'bucket' | 'endpoints'>): Record<string, string> => ({
  TABLE_NAME: emu.table,
  BUCKET_NAME: emu.bucket,
  SITE_URL: 'https://news.example.org',
  AWS_REGION: 'us-east-1',
  AWS_ACCESS_KEY_ID: 'local',
  AWS_SECRET_ACCESS_KEY: 'local',
  HERALD_DYNAMODB_ENDPOINT: emu.endpoints.dynamo,
  HERALD_S3_ENDPOINT: emu.endpoints.s3,
});
