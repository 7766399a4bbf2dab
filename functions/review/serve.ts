import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import type { HttpResult } from '../../shared/http/responses';
import { makeReviewApp } from './app';
import { makeEditorApp } from './editor-app';

/**
 * The review function's one entry for Lambda and the local runtime: the
 * public review page under /review/, the editor helpers (token routes) under /api/.
 */
export function makeReviewFunction(deps: Parameters<typeof makeReviewApp>[0] & Parameters<typeof makeEditorApp>[0]) {
  const review = makeReviewApp(deps);
  const editor = makeEditorApp(deps);
  return (event: APIGatewayProxyEventV2): Promise<HttpResult> => (event.rawPath.startsWith('/api/') ? editor(event) : review(event));
}
