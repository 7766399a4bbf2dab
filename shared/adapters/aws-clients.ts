import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import type { BuildMiddleware } from '@smithy/types';
import type { HeraldConfig } from '../config';

/**
 * SDK clients built from configuration. In the cloud they use the Lambda's
 * role; locally the config names the emulators' endpoints, and the emulators'
 * fixed credentials are used instead.
 */
type ClientConfig = Pick<HeraldConfig, 'region' | 'dynamoEndpoint' | 's3Endpoint' | 'clientSockets' | 'beforeRequest'>;
/** A cap on a client's connections (the SDK's default is 50), when the configuration sets one. */
const sockets = (config: ClientConfig) => (config.clientSockets ? { requestHandler: { httpAgent: { maxSockets: config.clientSockets }, httpsAgent: { maxSockets: config.clientSockets } } } : {});

/** Each request waits for `before` first (set locally only: the deferred step yielding to an editor's publish). */
const waitFor = <I extends object, O extends object>(before: () => Promise<void>): BuildMiddleware<I, O> => (next) => async (args) => (await before(), next(args));
const GATE = { step: 'build', name: 'heraldBeforeRequest' } as const;

export function makeDynamoClient(config: ClientConfig): DynamoDBClient {
  const client = new DynamoDBClient({
    region: config.region,
    ...sockets(config),
    ...(config.dynamoEndpoint
      ? { endpoint: config.dynamoEndpoint, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } }
      : {}),
  });
  if (config.beforeRequest) client.middlewareStack.add(waitFor(config.beforeRequest), GATE);
  return client;
}

export function makeDocumentClient(client: DynamoDBClient): DynamoDBDocumentClient {
  return DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
}

export function makeS3Client(config: ClientConfig): S3Client {
  const client = new S3Client({
    region: config.region,
    ...sockets(config),
    ...(config.s3Endpoint
      ? {
          endpoint: config.s3Endpoint,
          forcePathStyle: true,
          // s3rver accepts only its own fixed key pair.
          credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
          // Otherwise the SDK sends aws-chunked bodies that s3rver stores verbatim.
          requestChecksumCalculation: 'WHEN_REQUIRED' as const,
          responseChecksumValidation: 'WHEN_REQUIRED' as const,
        }
      : {}),
  });
  if (config.beforeRequest) client.middlewareStack.add(waitFor(config.beforeRequest), GATE);
  return client;
}
