import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import { wireReview } from '../../shared/wiring/review';
import { makeReviewApp } from './app';

/** Lambda entry for the public review page: wiring only, built once per container. */
const wired = wireReview();
const app = makeReviewApp(wired);

export const handler = (event: APIGatewayProxyEventV2, context?: Context) => {
  if (context) wired.logger.addContext(context);
  return app(event);
};
