import { randomUUID } from 'node:crypto';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DynamoSessionStore } from '../adapters/dynamo-session-store';
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
