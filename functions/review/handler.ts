import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import { wireReview } from '../../shared/wiring/review';
import { makeReviewFunction } from './serve';

/** Lambda entry for the review page and the editor helpers: wiring only, built once per container. */
const wired = wireReview();
const app = makeReviewFunction(wired);

export const handler = (event: APIGatewayProxyEventV2, context?: Context) => {
  if (context) wired.logger.addContext(context);
  return app(event);
};
