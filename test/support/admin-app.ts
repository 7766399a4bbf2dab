import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { DynamoAnnouncementStore } from '../../shared/adapters/dynamo-announcement-store';
import { ProjectingAnnouncementStore } from './projecting-store';
import { DynamoRebuildStore } from '../../shared/adapters/dynamo-rebuild-store';
import { DynamoTokenStore } from '../../shared/adapters/dynamo-token-store';
import { DynamoReviewLinkStore } from '../../shared/adapters/dynamo-review-link-store';
import { makeReviewLinkService } from '../../shared/services/review-link-service';
import type { HeraldLogger } from '../../shared/logger';
import { makeAnnouncementService, type Clock } from '../../shared/services/announcement-service';
import { makeImportService } from '../../shared/services/import-service';
import { makeRebuildService } from '../../shared/services/rebuild-service';
import { makeTokenService } from '../../shared/services/token-service';
import { makeTokenVerifier, sha256Hex } from '../../shared/services/token-verifier';
import { makeAdminApp } from '../../functions/admin/app';
import type { Emulators } from './emulators';

export const ADMIN_TOKEN = 'test-bootstrap-admin-token-0123456789';

const quiet: HeraldLogger = { info: () => undefined, warn: () => undefined, error: (m, x) => console.error(m, x) };

/** The admin app wired to the emulators' table, as the Lambda handler wires it to DynamoDB. */
export function adminAppOn(emu: Emulators, options: { clock?: Clock; newId?: () => string; projecting?: boolean } = {}) {
  const clock = options.clock ?? (() => new Date());
  // `projecting`: each write also runs the publisher's feed-entry step, for tests that read feeds without a stream.
  const store = options.projecting ? new ProjectingAnnouncementStore(emu.doc, emu.table) : new DynamoAnnouncementStore(emu.doc, emu.table);
  const tokenStore = new DynamoTokenStore(emu.doc, emu.table);
  const announcements = makeAnnouncementService({ store, clock, newId: options.newId ?? (() => crypto.randomUUID()) });
  const app = makeAdminApp({
    announcements,
    imports: makeImportService({ store, clock }),
    tokens: makeTokenService({ tokens: tokenStore, clock }),
    rebuilds: makeRebuildService({ rebuilds: new DynamoRebuildStore(emu.doc, emu.table), clock }),
    reviewLinks: makeReviewLinkService({ links: new DynamoReviewLinkStore(emu.doc, emu.table), announcements: store, clock, siteUrl: 'https://news.example.org' }),
    verify: makeTokenVerifier({ tokens: tokenStore, bootstrapSha256: sha256Hex(ADMIN_TOKEN) }),
    logger: quiet,
  });
  /** Sends one request through the app; the answer's body is parsed JSON. */
  async function call(
    method: string,
    path: string,
    init: { token?: string; body?: unknown; headers?: Record<string, string>; query?: Record<string, string> } = {},
  ) {
    const res = await app(apiEvent(method, path, init));
    const body = res.body ? (JSON.parse(res.body) as Record<string, any>) : {};
    return { status: res.statusCode, headers: (res.headers ?? {}) as Record<string, string>, body };
  }
  return { app, call, store, tokenStore, announcements };
}

/** An API Gateway HTTP API (payload 2.0) event, as the gateway or the local server builds it. */
export function apiEvent(
  method: string,
  path: string,
  init: { token?: string; body?: unknown; headers?: Record<string, string>; query?: Record<string, string> } = {},
): APIGatewayProxyEventV2 {
  const token = init.token === undefined ? ADMIN_TOKEN : init.token;
  const headers: Record<string, string> = {
    ...(token ? { authorization: `Bearer ${token}` } : {}),
    ...(init.body === undefined ? {} : { 'content-type': 'application/json' }),
    ...init.headers,
  };
  return {
    version: '2.0',
    routeKey: '$default',
    rawPath: path,
    rawQueryString: new URLSearchParams(init.query ?? {}).toString(),
    headers,
    queryStringParameters: init.query,
    requestContext: { requestId: 'test', http: { method, path } } as APIGatewayProxyEventV2['requestContext'],
    body: init.body === undefined ? undefined : typeof init.body === 'string' ? init.body : JSON.stringify(init.body),
    isBase64Encoded: false,
  };
}
