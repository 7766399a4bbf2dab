import { makeHttpApp } from '../../shared/http/http-app';
import type { AnnouncementService } from '../../shared/services/announcement-service';
import type { ImportService } from '../../shared/services/import-service';
import type { RebuildService } from '../../shared/services/rebuild-service';
import type { ReviewLinkService } from '../../shared/services/review-link-service';
import type { TokenService } from '../../shared/services/token-service';
import { makeRequestAuthenticator, type RequestAuthenticator } from '../../shared/services/request-authenticator';
import type { TokenVerifier } from '../../shared/services/token-verifier';
import type { HeraldLogger } from '../../shared/logger';
import { routes } from './routes';

/**
 * The admin API as a function of an API Gateway HTTP API (payload 2.0) event.
 * The same function serves Lambda and the local runtime.
 */
export function makeAdminApp(deps: {
  announcements: AnnouncementService;
  tokens: TokenService;
  rebuilds: RebuildService;
  reviewLinks: ReviewLinkService;
  imports?: ImportService;
  verify: TokenVerifier;
  /** Token or session cookie (with the CSRF rule); without it, bearer tokens only. */
  authenticator?: RequestAuthenticator;
  logger: HeraldLogger;
}) {
  const authenticator = deps.authenticator ?? makeRequestAuthenticator({ verifyToken: deps.verify, siteUrl: undefined });
  const { announcements, tokens, rebuilds, reviewLinks, imports } = deps;
  return makeHttpApp({
    label: 'admin',
    routes: routes.map((route) => ({ ...route, handle: (req) => route.handle({ ...req, announcements, tokens, rebuilds, reviewLinks, imports, apiBase: '/api' }) })),
    authenticator,
    logger: deps.logger,
    headAsGet: true,
    writeFields: (req, result) => ({ announcementId: req.params.id ?? idIn(result.body) }),
  });
}

/** The id of the announcement (or token) a write answered with, for the log line. */
function idIn(body: string | undefined): string | undefined {
  try {
    const id = (JSON.parse(body ?? '{}') as { id?: unknown }).id;
    return typeof id === 'string' ? id : undefined;
  } catch {
    return undefined;
  }
}
