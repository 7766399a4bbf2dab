import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import { wireIdentity } from '../../shared/wiring/identity';
import { makeIdentityApp } from './app';

/** Lambda entry for sign-in and the people routes: wiring only, built once per container. */
const wired = wireIdentity();
const app = makeIdentityApp(wired);

export const handler = (event: APIGatewayProxyEventV2, context?: Context) => {
  if (context) wired.logger.addContext(context);
  return app(event);
};
