import { randomUUID } from 'node:crypto';
import { Logger } from '@aws-lambda-powertools/logger';
import { loadConfig, type HeraldConfig } from './config';
import { DynamoAnnouncementStore } from './adapters/dynamo-announcement-store';
import { DynamoTokenStore } from './adapters/dynamo-token-store';
import { S3ObjectStore } from './adapters/s3-object-store';
import { makeDocumentClient, makeDynamoClient, makeS3Client } from './adapters/aws-clients';
import { makeAnnouncementService } from './services/announcement-service';
import { makePublisherService } from './services/publisher-service';
import { makeTokenVerifier } from './services/token-verifier';

/**
 * Builds Herald's services from configuration, once per process (module scope
 * in a Lambda). Handlers ask for what they need; nothing else builds clients.
 */
export function wire(config: HeraldConfig = loadConfig()) {
  const doc = makeDocumentClient(makeDynamoClient(config));
  const store = new DynamoAnnouncementStore(doc, config.tableName);
  const tokens = new DynamoTokenStore(doc, config.tableName);
  const logger = new Logger({ serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'herald' });
  return {
    config,
    logger,
    verify: makeTokenVerifier({ tokens, bootstrapSha256: config.adminTokenSha256 }),
    announcements: makeAnnouncementService({ store, clock: () => new Date(), newId: randomUUID }),
    publisher: () =>
      makePublisherService({
        store,
        objects: new S3ObjectStore(makeS3Client(config), config.bucketName),
        site: {
          siteUrl: config.siteUrl,
          siteTitle: config.siteTitle,
          siteDescription: config.siteDescription,
          siteLanguage: config.siteLanguage,
          hubs: config.hubs,
        },
        pageSize: config.feedPageSize,
        history: store,
      }),
  };
}
