import { makeReviewLinkService } from '../../../shared/services/review-link-service';
import { InMemoryReviewLinkStore } from '../../support/review-fakes';
import { makeAdminApp } from '../../../functions/admin/app';
import type { HttpResult } from '../../../shared/http/responses';
import type { AnnouncementService } from '../../../shared/services/announcement-service';
import { makeRebuildService } from '../../../shared/services/rebuild-service';
import { makeTokenService } from '../../../shared/services/token-service';
import { makeTokenVerifier } from '../../../shared/services/token-verifier';
import { InMemoryRebuildStore, InMemoryTokenStore, apiEvent, recordingLogger, type ApiEventOptions } from '../../support/fakes';
import { serviceWithFakes } from '../../support/fixtures';

/** The admin app over fakes, with one valid editor token and one revoked token. */
/** The site the review links point at. */
export const SITE_URL = 'https://news.example.org';

export const TOKEN = 'herald-editor-token-0001';
export const REVOKED = 'herald-revoked-token-0002';

export function adminApp(wrap: (s: AnnouncementService) => AnnouncementService = (s) => s) {
  const { store, clock, service } = serviceWithFakes('2017-09-01T08:00:00.000Z');
  const tokens = new InMemoryTokenStore();
  tokens.add(TOKEN, 'editor@example.org', 'editor');
  tokens.add(REVOKED, 'gone@example.org', 'editor', '2017-06-01T00:00:00.000Z');
  const logger = recordingLogger();
  const reviewLinks = new InMemoryReviewLinkStore();
  const app = makeAdminApp({
    announcements: wrap(service),
    tokens: makeTokenService({ tokens, clock }),
    rebuilds: makeRebuildService({ rebuilds: new InMemoryRebuildStore(), clock }),
    reviewLinks: makeReviewLinkService({ links: reviewLinks, announcements: store, clock, siteUrl: SITE_URL }),
    verify: makeTokenVerifier({ tokens }),
    logger,
  });
  /** Calls the app as the editor unless the caller sets its own authorization header. */
  const call = (options: ApiEventOptions) =>
    app(apiEvent({ ...options, headers: { authorization: `Bearer ${TOKEN}`, ...(options.headers ?? {}) } }));
  return { app, call, store, clock, logger, reviewLinks };
}

/** The parsed JSON body of a response. */
export function json(response: HttpResult): Record<string, unknown> & { details?: { path: string }[] } {
  return JSON.parse(response.body ?? 'null') as Record<string, unknown> & { details?: { path: string }[] };
}

export const headerOf = (response: HttpResult, name: string) => response.headers?.[name];
