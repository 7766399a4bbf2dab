import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import { wireMedia } from '../../shared/wiring/media';
import { makeMediaApp } from './app';

/** Lambda entry for the media routes: wiring only, built once per container. */
const wired = wireMedia();
const app = makeMediaApp(wired);

export const handler = (event: APIGatewayProxyEventV2, context?: Context) => {
  if (context) wired.logger.addContext(context);
  return app(event);
};
