import { randomUUID } from 'node:crypto';
import { fileTypeFromBuffer } from 'file-type';
import { makeS3Client } from '../adapters/aws-clients';
import { DynamoMediaStore } from '../adapters/dynamo-media-store';
import { DynamoTokenStore } from '../adapters/dynamo-token-store';
import { countExternalMemoryInHeapLimit } from '../adapters/external-memory-gc';
import { makeHttpDownloader } from '../adapters/http-downloader';
import { S3MediaObjects } from '../adapters/s3-media-objects';
import { sharpMediaProcessor } from '../adapters/sharp-media-processor';
import { loadConfig, type HeraldConfig } from '../config';
import { makeMediaFetchService } from '../services/media-fetch-service';
import { makeMediaService } from '../services/media-service';
import { basics } from './basics';
import { behindAuthorizer } from './request-auth';

/**
 * Where a browser POSTs an upload: the bucket's regional virtual-host endpoint
 * in the cloud (the bucket's CORS rule admits the site origin), the emulator's
 * path-style bucket URL locally.
 */
export const uploadBaseOf = (config: Pick<HeraldConfig, 's3Endpoint' | 'bucketName' | 'region'>) =>
  config.s3Endpoint ? `${config.s3Endpoint}/${config.bucketName}` : `https://${config.bucketName}.s3.${config.region}.amazonaws.com/`;

/**
 * The media function's services. In the cloud every media route passes the
 * Lambda authorizer, whose verdict the app reads from the request context, so
 * the function needs no token reads: its own verifier refuses everything.
 * Locally (emulator endpoints) the handler checks the token itself, as the
 * admin API does.
 */
export function wireMedia(config: HeraldConfig = loadConfig()) {
  // complete's multi-megabyte buffers would otherwise set off full collections on every call.
  countExternalMemoryInHeapLimit();
  const { doc, logger } = basics(config);
  // Every route that needs a caller is behind the authorizer in the cloud.
  const { verify, authenticator } = behindAuthorizer(doc, config, new DynamoTokenStore(doc, config.tableName), logger);
  const clock = () => new Date();
  const objects = new S3MediaObjects(makeS3Client(config), config.bucketName, uploadBaseOf(config), clock);
  const media = makeMediaService({
    store: new DynamoMediaStore(doc, config.tableName),
    objects,
    processor: sharpMediaProcessor,
    clock,
    newId: randomUUID,
    siteUrl: config.siteUrl,
  });
  return {
    logger,
    verify,
    // Locally the handler also reads session cookies; in the cloud the authorizer's verdict is used (and the function has no session grant).
    authenticator,
    media,
    // Private addresses only where the deployment allows them (npm start); the cloud refuses them.
    mediaFetch: makeMediaFetchService({
      media,
      objects,
      download: makeHttpDownloader({ allowPrivate: config.allowPrivateAddress ?? false }),
      detect: async (bytes) => (await fileTypeFromBuffer(bytes))?.mime,
    }),
  };
}
