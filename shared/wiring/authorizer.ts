import { DynamoTokenStore } from '../adapters/dynamo-token-store';
import { cachedParameter } from '../adapters/ssm-parameter';
import { loadAuthConfig, type AuthConfig } from '../config';
import { basics } from './basics';
import { requestAuthenticator } from './request-auth';
import { bootstrapVerifier, ssmClient } from './bootstrap-token';

/**
 * The authorizer's dependencies, built once per process: the token check (table
 * plus bootstrap hash from SSM) and the origin secret CloudFront adds to every
 * /api request, read through SSM's Secrets Manager reference path.
 */
export function wireAuthorizer(config: AuthConfig = loadAuthConfig()) {
  const { doc, logger } = basics(config);
  const tokens = new DynamoTokenStore(doc, config.tableName);
  // Without ORIGIN_SECRET_PARAMETER every request is refused: the authorizer only runs
  // in the cloud, where the stack always sets it, so its absence is a misconfiguration.
  if (config.originSecretParameter === undefined) logger.error('ORIGIN_SECRET_PARAMETER is not set: refusing every request');
  const originSecret =
    config.originSecretParameter === undefined
      ? () => Promise.resolve(undefined)
      : cachedParameter({ ssm: ssmClient(config.region), name: config.originSecretParameter, validate: (v) => v.length >= 32, log: logger });
  void originSecret();
  // Bearer tokens and session cookies (SESSION# items: GetItem, and UpdateItem for the idle refresh).
  return { logger, authenticator: requestAuthenticator(doc, config, bootstrapVerifier(tokens, config, logger)), originSecret };
}
