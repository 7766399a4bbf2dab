import { randomUUID } from 'node:crypto';
import { loadConfig, type HeraldConfig } from '../config';
import { DynamoAnnouncementStore } from '../adapters/dynamo-announcement-store';
import { DynamoRebuildStore } from '../adapters/dynamo-rebuild-store';
import { DynamoTokenStore } from '../adapters/dynamo-token-store';
import { makeAnnouncementService } from '../services/announcement-service';
import { makeRebuildService } from '../services/rebuild-service';
import { makeTokenService } from '../services/token-service';
import { bootstrapVerifier } from './bootstrap-token';
import { basics } from './basics';

/** The admin API's services, built once per process from configuration. */
export function wireAdmin(config: HeraldConfig = loadConfig()) {
  const { doc, logger } = basics(config);
  const tokens = new DynamoTokenStore(doc, config.tableName);
  const clock = () => new Date();
  return {
    logger,
    announcements: makeAnnouncementService({
      store: new DynamoAnnouncementStore(doc, config.tableName),
      clock,
      newId: randomUUID,
      links: config.links,
    }),
    tokens: makeTokenService({ tokens, clock }),
    rebuilds: makeRebuildService({ rebuilds: new DynamoRebuildStore(doc, config.tableName), clock }),
    verify: bootstrapVerifier(tokens, config, logger),
  };
}
