import type { APIGatewayRequestAuthorizerEventV2 } from 'aws-lambda';
import { makeDocumentClient, makeDynamoClient } from '../../shared/adapters/aws-clients';
import { DynamoTokenStore } from '../../shared/adapters/dynamo-token-store';
import { loadAuthConfig } from '../../shared/config';
import { bearerToken, makeTokenVerifier } from '../../shared/services/token-verifier';

/**
 * HTTP API Lambda authorizer (simple responses). It runs the same token check
 * as the admin API, so a token means the same thing in the cloud and locally.
 */
const config = loadAuthConfig();
const verify = makeTokenVerifier({
  tokens: new DynamoTokenStore(makeDocumentClient(makeDynamoClient(config)), config.tableName),
  bootstrapSha256: config.adminTokenSha256,
});

export async function handler(event: APIGatewayRequestAuthorizerEventV2) {
  const header = event.identitySource?.[0] ?? event.headers?.authorization;
  const principal = await verify(bearerToken(header));
  return principal
    ? { isAuthorized: true, context: { subject: principal.subject, role: principal.role } }
    : { isAuthorized: false, context: {} };
}
