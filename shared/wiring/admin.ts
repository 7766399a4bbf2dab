import { randomUUID } from 'node:crypto';
import { loadConfig, type HeraldConfig } from '../config';
import { DynamoAnnouncementStore } from '../adapters/dynamo-announcement-store';
import { DynamoMediaStore } from '../adapters/dynamo-media-store';
import { DynamoRebuildStore } from '../adapters/dynamo-rebuild-store';
import { DynamoReviewLinkStore } from '../adapters/dynamo-review-link-store';
import { DynamoTokenStore } from '../adapters/dynamo-token-store';
import { makeAnnouncementService } from '../services/announcement-service';
import type { ImportService } from '../services/import-service';
import { makeMediaFacts } from '../services/media-facts';
import { makeRebuildService } from '../services/rebuild-service';
import { makeReviewLinkService } from '../services/review-link-service';
import { makeTokenService } from '../services/token-service';
import { basics } from './basics';
import { behindAuthorizer } from './request-auth';

/** The admin API's services, built once per process from configuration. */
export function wireAdmin(config: HeraldConfig = loadConfig()) {
  const { doc, logger } = basics(config);
  const tokens = new DynamoTokenStore(doc, config.tableName);
  const clock = () => new Date();
  const store = new DynamoAnnouncementStore(doc, config.tableName);
  // Every /api route is behind the authorizer in the cloud.
  const { verify, authenticator } = behindAuthorizer(doc, config, tokens, logger);
  // Reads MEDIA# items only; the admin function's grant covers every item kind.
  const facts = makeMediaFacts({ media: new DynamoMediaStore(doc, config.tableName), siteUrl: config.siteUrl });
  return {
    logger,
    announcements: makeAnnouncementService({ store, clock, newId: randomUUID, links: config.links, facts }),
    imports: onFirstImport(() => import('../services/import-service').then((m) => m.makeImportService({ store, clock, links: config.links, facts }))),
    tokens: makeTokenService({ tokens, clock }),
    rebuilds: makeRebuildService({ rebuilds: new DynamoRebuildStore(doc, config.tableName), clock }),
    reviewLinks: makeReviewLinkService({ links: new DynamoReviewLinkStore(doc, config.tableName), announcements: store, clock, siteUrl: config.siteUrl }),
    verify,
    authenticator,
  };
}

/**
 * The import service, built on the first POST /api/import: it and the import
 * schemas (shared/domain/import-item.ts) are a chunk a cold start does not load.
 */
function onFirstImport(build: () => Promise<ImportService>): ImportService {
  let built: Promise<ImportService> | undefined;
  return { importItems: async (...args) => (await (built ??= build())).importItems(...args) };
}
