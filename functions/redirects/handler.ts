import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import { wireRedirects } from '../../shared/wiring/redirects';
import { makeRedirectsApp } from './app';

/** Lambda entry for the redirect routes: wiring only, built once per container. */
const wired = wireRedirects();
const app = makeRedirectsApp(wired);

export const handler = (event: APIGatewayProxyEventV2, context?: Context) => {
  if (context) wired.logger.addContext(context);
  return app(event);
};
