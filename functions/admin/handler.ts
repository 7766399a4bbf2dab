import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { wire } from '../../shared/wiring';
import { makeAdminApp } from './app';

/** Lambda entry for the admin API: wiring only, built once per container. */
const herald = wire();
const app = makeAdminApp({
  announcements: herald.announcements,
  tokens: herald.tokens,
  rebuilds: herald.rebuildRequests,
  verify: herald.verify,
  logger: herald.logger,
});

export const handler = (event: APIGatewayProxyEventV2) => app(event);
