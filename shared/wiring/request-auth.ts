import { randomUUID } from 'node:crypto';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DynamoSessionStore } from '../adapters/dynamo-session-store';
import type { HeraldConfig } from '../config';
import type { HeraldLogger } from '../logger';
import type { TokenStore } from '../ports/token-store';
import { makeRequestAuthenticator } from '../services/request-authenticator';
import { makeSessionService } from '../services/session-service';
import type { TokenVerifier } from '../services/token-verifier';

/**
 * The request authenticator a function builds: its token check plus session
 * cookies read from the table (SESSION# items only), the CSRF rule against SITE_URL.
 */
export function requestAuthenticator(doc: DynamoDBDocumentClient, config: { tableName: string; siteUrl?: string | undefined }, verifyToken: TokenVerifier) {
  const sessions = makeSessionService({ sessions: new DynamoSessionStore(doc, config.tableName), clock: () => new Date(), newId: randomUUID });
  return makeRequestAuthenticator({ verifyToken, verifySession: sessions.verify, siteUrl: config.siteUrl });
}

/**
 * Authentication for a function whose every route sits behind the cloud
 * authorizer. In the cloud it trusts the authorizer's verdict and reads no
 * token (so no SSM client at cold start); under npm start (emulator
 * endpoints), where no authorizer runs, it checks tokens and session cookies
 * itself, loading the bootstrap verifier on the first token it sees.
 */
export function behindAuthorizer(
  doc: DynamoDBDocumentClient,
  config: Pick<HeraldConfig, 'tableName' | 'siteUrl' | 'dynamoEndpoint' | 'region' | 'adminTokenSha256' | 'adminTokenParameter'>,
  tokens: TokenStore,
  logger: HeraldLogger,
) {
  if (config.dynamoEndpoint === undefined) {
    const verify: TokenVerifier = () => Promise.resolve(undefined);
    return { verify, authenticator: makeRequestAuthenticator({ verifyToken: verify, siteUrl: config.siteUrl }) };
  }
  let built: Promise<TokenVerifier> | undefined;
  const verify: TokenVerifier = async (token) =>
    (await (built ??= import('./bootstrap-token').then((m) => m.bootstrapVerifier(tokens, config, logger))))(token);
  return { verify, authenticator: requestAuthenticator(doc, config, verify) };
}
