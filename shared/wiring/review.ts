import { loadConfig, type HeraldConfig } from '../config';
import { DynamoAnnouncementStore } from '../adapters/dynamo-announcement-store';
import { DynamoReviewLinkStore } from '../adapters/dynamo-review-link-store';
import { makeReviewLinkService } from '../services/review-link-service';
import { basics } from './basics';
import { siteInfoOf } from './site-info';

/** The public review page's services: a link lookup by hash and an announcement read, nothing else. */
export function wireReview(config: HeraldConfig = loadConfig()) {
  const { doc, logger } = basics(config);
  const service = makeReviewLinkService({
    links: new DynamoReviewLinkStore(doc, config.tableName),
    announcements: new DynamoAnnouncementStore(doc, config.tableName),
    clock: () => new Date(),
    siteUrl: config.siteUrl,
  });
  return { logger, site: siteInfoOf(config), resolve: service.resolve };
}
