import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import { wireAdmin } from '../../shared/wiring/admin';
import { makeAdminApp } from './app';

/** Lambda entry for the admin API: wiring only, built once per container. */
const wired = wireAdmin();
const app = makeAdminApp(wired);

export const handler = (event: APIGatewayProxyEventV2, context?: Context) => {
  // Puts the request id on every log line of this invocation.
  if (context) wired.logger.addContext(context);
  return app(event);
};
