import { CloudFrontKeyValueStoreClient } from '@aws-sdk/client-cloudfront-keyvaluestore';
// Registers the SigV4a signer the KeyValueStore API requires.
import '@aws-sdk/signature-v4a';
import { DynamoRedirectStore } from '../adapters/dynamo-redirect-store';
import { DynamoTokenStore } from '../adapters/dynamo-token-store';
import { KvsRedirectEdge } from '../adapters/kvs-redirect-edge';
import { ConfigError, loadConfig, type HeraldConfig } from '../config';
import type { RedirectEdge } from '../ports/redirect-store';
import { makeRedirectService } from '../redirects/redirect-service';
import { basics } from './basics';
import { behindAuthorizer } from './request-auth';

/**
 * The redirects function's services: the table, and the edge that serves the
 * redirects (the CloudFront KeyValueStore named by REDIRECTS_KVS_ARN, or the
 * local server's map handed in by the local runtime). In the cloud the
 * authorizer has checked the caller, so the function reads no token; locally
 * (emulator endpoints) it checks tokens and session cookies itself.
 */
export function wireRedirects(config: HeraldConfig = loadConfig(), local?: { edge: RedirectEdge }) {
  const { doc, logger } = basics(config);
  const edge = local?.edge ?? (config.redirectsKvsArn ? new KvsRedirectEdge(new CloudFrontKeyValueStoreClient({ region: config.region }), config.redirectsKvsArn) : undefined);
  if (!edge) throw new ConfigError('invalid environment: REDIRECTS_KVS_ARN: is required');
  return {
    logger,
    redirects: makeRedirectService({ store: new DynamoRedirectStore(doc, config.tableName), edge, clock: () => new Date() }),
    authenticator: behindAuthorizer(doc, config, new DynamoTokenStore(doc, config.tableName), logger).authenticator,
  };
}
