import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import type { ZodMiniType as ZodType } from 'zod/mini';
import { pathParam } from '../../shared/http/http-app';
import type * as RequestSchemas from './request-schemas';
import type { HttpResult } from '../../shared/http/responses';
import type { Role } from '../../shared/ports/token-store';
import type { AnnouncementService } from '../../shared/services/announcement-service';
import type { ImportService } from '../../shared/services/import-service';
import type { RebuildService } from '../../shared/services/rebuild-service';
import type { ReviewLinkService } from '../../shared/services/review-link-service';
import type { TokenService } from '../../shared/services/token-service';
import type { Principal } from '../../shared/principal';

/** What each route handler gets: the event, the caller, the services. */
export type RouteContext = {
  event: APIGatewayProxyEventV2;
  params: Record<string, string>;
  principal?: Principal;
  announcements: AnnouncementService;
  tokens: TokenService;
  rebuilds: RebuildService;
  reviewLinks: ReviewLinkService;
  /** POST /api/import; absent in apps built without it (it then answers 404). */
  imports?: ImportService;
  /** Where the API is mounted, for Location headers. */
  apiBase: string;
};

/** What the OpenAPI document says about a route; the schemas are the ones the handler parses with. */
export type RouteDoc<Schema = ZodType> = {
  summary: string;
  body?: Schema;
  /** The body may be left out (every field has a default). */
  bodyOptional?: boolean;
  query?: Schema;
  headers?: { name: string; schema: Schema; required: boolean; description: string }[];
  /** Status code to description, for the answers this route itself gives. */
  responses: Record<number, string>;
};

/** A request schema by its export name in request-schemas.ts, as a route's doc names it. */
export type SchemaName = keyof typeof RequestSchemas;

/** A route; its doc holds zod schemas, or for the admin API's own routes their names (`AdminRoute`). */
export type Route<Schema = ZodType> = {
  method: string;
  /** The path template, `{name}` for a parameter; it is both the matcher and the OpenAPI path. */
  path: string;
  doc: RouteDoc<Schema>;
  /** Routes are authenticated unless they say otherwise. */
  public?: boolean;
  /** The role a caller must have; any authenticated caller when absent. */
  role?: Role;
  handle(ctx: RouteContext): Promise<HttpResult>;
};

export { who } from '../../shared/http/http-app';

/** An admin API route: schemas by name, so the route table loads no zod; functions/admin/openapi.ts resolves them at build time. */
export type AdminRoute = Route<SchemaName>;

/** An id that is not a UUID cannot exist, so it is a 404 rather than a 400. */
export const uuidParam = (ctx: RouteContext, what: string): string => pathParam(ctx, 'id', what);
