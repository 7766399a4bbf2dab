import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import type { HeraldConfig } from '../config';

/**
 * SDK clients built from configuration. In the cloud they use the Lambda's
 * role; locally the config names the emulators' endpoints, and the emulators'
 * fixed credentials are used instead.
 */
type ClientConfig = Pick<HeraldConfig, 'region' | 'dynamoEndpoint' | 's3Endpoint' | 'clientSockets'>;
/** A cap on a client's connections (the SDK's default is 50), when the configuration sets one. */
const sockets = (config: ClientConfig) => (config.clientSockets ? { requestHandler: { httpAgent: { maxSockets: config.clientSockets }, httpsAgent: { maxSockets: config.clientSockets } } } : {});

export function makeDynamoClient(config: ClientConfig): DynamoDBClient {
  return new DynamoDBClient({
    region: config.region,
    ...sockets(config),
    ...(config.dynamoEndpoint
      ? { endpoint: config.dynamoEndpoint, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } }
      : {}),
  });
}

export function makeDocumentClient(client: DynamoDBClient): DynamoDBDocumentClient {
  return DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
}

export function makeS3Client(config: ClientConfig): S3Client {
  return new S3Client({
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
}
