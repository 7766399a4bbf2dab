import { Logger } from '@aws-lambda-powertools/logger';
import type { HeraldConfig } from '../config';
import { makeDocumentClient, makeDynamoClient } from '../adapters/aws-clients';

/**
 * What every function needs: the DynamoDB document client and the logger.
 * Each function has its own wiring module so its bundle carries only its own
 * dependencies (the admin API no S3 client, the publisher no Markdown stack).
 */
export function basics(config: Pick<HeraldConfig, 'region' | 'dynamoEndpoint' | 'logLevel'>) {
  return {
    doc: makeDocumentClient(makeDynamoClient(config)),
    logger: new Logger({
      serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'herald',
      ...(config.logLevel ? { logLevel: config.logLevel } : {}),
    }),
  };
}
