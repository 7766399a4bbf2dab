import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { HeraldError, MethodNotAllowedError } from '../domain/errors';

export type HttpResult = APIGatewayProxyStructuredResultV2 & { statusCode: number };

const JSON_TYPE = 'application/json; charset=utf-8';

/** A JSON response; every admin API answer goes through here. */
export function json(statusCode: number, body: unknown, headers: Record<string, string> = {}): HttpResult {
  return {
    statusCode,
    headers: { 'content-type': JSON_TYPE, 'cache-control': 'no-store', ...headers },
    body: JSON.stringify(body),
  };
}

/**
 * Maps any thrown value to a response. Herald's typed errors keep their code,
 * message and field details; anything else becomes a bare 500 that reveals
 * nothing but the request id to quote to an operator.
 */
export function errorResponse(err: unknown, requestId: string): HttpResult {
  if (err instanceof HeraldError) {
    const headers: Record<string, string> = {};
    if (err instanceof MethodNotAllowedError) headers.allow = err.allow.join(', ');
    if (err.status === 401) headers['www-authenticate'] = 'Bearer realm="herald"';
    return json(
      err.status,
      { error: err.code, message: err.message, details: err.details, ...err.extra },
      headers,
    );
  }
  return json(500, { error: 'internal_error', message: 'something went wrong on our side', requestId, details: [] });
}
