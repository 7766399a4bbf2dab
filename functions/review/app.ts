import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import type { Announcement } from '../../shared/domain/announcement';
import type { HttpResult } from '../../shared/http/responses';
import { siteCsp } from '../../shared/http/security-headers';
import type { HeraldLogger } from '../../shared/logger';
import type { SiteInfo } from '../../shared/render/feed-context';
import { renderReviewGone, renderReviewPage } from '../../shared/render/page-review';
import type { PageAsPublished } from '../../shared/services/page-as-published';
import { REVIEW_PATH } from '../../shared/services/review-link-service';

/**
 * Headers of every review answer: never cached anywhere (a revocation must take
 * effect at once), never indexed, never leaking the token as a referrer, and the
 * site's CSP even when the function is reached without CloudFront in front.
 */
export const reviewHeaders = (siteUrl: string): Record<string, string> => ({
  'content-type': 'text/html; charset=utf-8',
  'cache-control': 'no-store',
  'x-robots-tag': 'noindex',
  'referrer-policy': 'no-referrer',
  'content-security-policy': siteCsp(siteUrl),
});

/**
 * The public review page, `GET /review/{token}`: no bearer token, no cookie,
 * the link's own token is the credential. Every failure (bad, unknown, revoked
 * or expired token, retracted or missing announcement) is the same small 404
 * page, so a visitor learns nothing about what exists.
 */
export function makeReviewApp(deps: {
  resolve(token: string): Promise<Announcement | undefined>;
  pageInputsOf: PageAsPublished;
  site: SiteInfo;
  logger: HeraldLogger;
}) {
  const headers = reviewHeaders(deps.site.siteUrl);
  return async function handle(event: APIGatewayProxyEventV2): Promise<HttpResult> {
    const head = event.requestContext.http.method.toUpperCase() === 'HEAD';
    const answer = (statusCode: number, body: string): HttpResult => ({ statusCode, headers, body: head ? '' : body });
    const path = event.rawPath.replace(/\/+$/, '');
    const token = path.startsWith(REVIEW_PATH) ? path.slice(REVIEW_PATH.length) : '';
    try {
      const found = await deps.resolve(token);
      if (!found) return answer(404, renderReviewGone(deps.site));
      const { announcement, alternates } = await deps.pageInputsOf(found);
      return answer(200, renderReviewPage(deps.site, announcement, alternates));
    } catch (err) {
      deps.logger.error('review page failed', { requestId: event.requestContext.requestId, error: err instanceof Error ? err.stack : String(err) });
      return answer(503, renderReviewGone(deps.site).replace('This review link is not valid', 'This page is not available right now'));
    }
  };
}
