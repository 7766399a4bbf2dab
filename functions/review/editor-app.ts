import { AnnouncementInput } from '../../shared/domain/announcement';
import { parseOrThrow } from '../../shared/domain/validation';
import { makeHttpApp, who, type AppRequest } from '../../shared/http/http-app';
import { jsonBody } from '../../shared/http/request';
import { json, type HttpResult } from '../../shared/http/responses';
import type { HeraldLogger } from '../../shared/logger';
import type { PreviewService } from '../../shared/services/preview-service';
import type { TagService } from '../../shared/services/tag-service';
import type { RequestAuthenticator } from '../../shared/services/request-authenticator';
import { EDITOR_ROUTE_DOCS, PreviewQuery } from './editor-route-docs';

type Handle = (req: AppRequest) => Promise<HttpResult>;

/**
 * The editor helpers, `POST /api/preview` and `GET /api/tags`, for editors and
 * admins. They live in the review function, which already renders pages, so
 * the admin function's cold start carries no page renderer. In the cloud the
 * authorizer has checked the token or session cookie and its verdict is in the
 * request context; locally the authenticator checks them (CSRF rule included).
 */
export function makeEditorApp(deps: { preview: PreviewService; tags: TagService; authenticator: RequestAuthenticator; logger: HeraldLogger }) {
  const routes: Record<keyof typeof EDITOR_ROUTE_DOCS, Handle> = {
    preview: async (req) => {
      const { id } = parseOrThrow(PreviewQuery, req.event.queryStringParameters ?? {}, 'query');
      return json(200, await deps.preview(parseOrThrow(AnnouncementInput, jsonBody(req.event)), who(req), id));
    },
    tags: async () => json(200, { items: await deps.tags() }),
  };
  const table = Object.entries(routes).map(([name, handle]) => ({ ...EDITOR_ROUTE_DOCS[name as keyof typeof EDITOR_ROUTE_DOCS], handle }));
  // A preview POST writes nothing, so nothing here is logged as a write.
  return makeHttpApp({ label: 'editor', routes: table, authenticator: deps.authenticator, logger: deps.logger, logsWrite: () => false });
}
