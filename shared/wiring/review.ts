import { randomUUID } from 'node:crypto';
import { loadConfig, type HeraldConfig } from '../config';
import { DynamoAnnouncementStore } from '../adapters/dynamo-announcement-store';
import { DynamoFeedIndex } from '../adapters/dynamo-feed-index';
import { DynamoMediaStore } from '../adapters/dynamo-media-store';
import { DynamoReviewLinkStore } from '../adapters/dynamo-review-link-store';
import { DynamoTagIndex } from '../adapters/dynamo-tag-index';
import { DynamoTokenStore } from '../adapters/dynamo-token-store';
import { makeDraftOf } from '../services/announcement-draft';
import { makeMediaFacts } from '../services/media-facts';
import { makePageAsPublished } from '../services/page-as-published';
import { makePreviewService } from '../services/preview-service';
import { makeReviewLinkService } from '../services/review-link-service';
import { makeTagService } from '../services/tag-service';
import { behindAuthorizer } from './request-auth';
import { basics } from './basics';
import { siteInfoOf } from './site-info';

/** The id a preview is rendered with (its page URL ends in -00000000/); randomUUID, drawing 122 random bits, will not make it. */
export const PREVIEW_ID = '00000000-0000-4000-8000-000000000000';

/**
 * The review function's services: the public review page (a link lookup by
 * hash, an announcement read) and the editor helpers (preview, tags). Pages
 * take their translations from the site feed's entries as the publisher's do.
 * In the cloud the authorizer checks the helpers' tokens, so the function's own
 * verifier refuses everything and it needs no token reads; locally (emulator
 * endpoints) it checks the token itself, as the admin API does.
 */
export function wireReview(config: HeraldConfig = loadConfig()) {
  const { doc, logger } = basics(config);
  const clock = () => new Date();
  const site = siteInfoOf(config);
  const service = makeReviewLinkService({
    links: new DynamoReviewLinkStore(doc, config.tableName),
    announcements: new DynamoAnnouncementStore(doc, config.tableName),
    clock,
    siteUrl: config.siteUrl,
  });
  const pageInputsOf = makePageAsPublished({ index: new DynamoFeedIndex(doc, config.tableName), site, pageSize: config.feedPageSize });
  // Every route that needs a caller is behind the authorizer in the cloud.
  const { authenticator } = behindAuthorizer(doc, config, new DynamoTokenStore(doc, config.tableName), logger);
  const draftOf = makeDraftOf({
    clock,
    // A preview is no announcement: every one has the same id, which names nothing stored.
    newId: () => PREVIEW_ID,
    links: config.links,
    facts: makeMediaFacts({ media: new DynamoMediaStore(doc, config.tableName), siteUrl: config.siteUrl }),
  });
  return {
    logger,
    site,
    resolve: service.resolve,
    pageInputsOf,
    // Locally the token and the session cookie are checked here; in the cloud the authorizer did.
    authenticator,
    preview: makePreviewService({ draftOf, pageInputsOf, site }),
    tags: makeTagService({ index: new DynamoTagIndex(doc, config.tableName) }),
  };
}
