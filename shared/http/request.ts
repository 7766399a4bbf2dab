import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { PayloadTooLargeError, UnsupportedMediaTypeError, ValidationError } from '../domain/errors';

/** Bodies above this are refused before parsing. */
export const MAX_BODY_BYTES = 256 * 1024;

/** A header by name, whatever case the caller or the gateway used. */
export function header(event: Pick<APIGatewayProxyEventV2, 'headers'>, name: string): string | undefined {
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(event.headers ?? {})) {
    if (key.toLowerCase() === wanted) return value;
  }
  return undefined;
}

/**
 * The request body as JSON: 415 unless it is declared JSON, 413 above the
 * limit, 400 for bytes that are not UTF-8 or text that is not JSON.
 */
export function jsonBody(event: APIGatewayProxyEventV2): unknown {
  const type = (header(event, 'content-type') ?? '').split(';')[0]?.trim().toLowerCase();
  if (type !== 'application/json' && !/^application\/[a-z0-9.+-]*\+json$/.test(type ?? '')) {
    throw new UnsupportedMediaTypeError();
  }
  const raw = event.body ?? '';
  const bytes = event.isBase64Encoded ? Buffer.from(raw, 'base64') : Buffer.from(raw, 'utf8');
  if (bytes.length > MAX_BODY_BYTES) throw new PayloadTooLargeError(MAX_BODY_BYTES);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new ValidationError('the body is not valid UTF-8', [{ path: 'body', message: 'invalid UTF-8' }]);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    throw new ValidationError('the body is not valid JSON', [
      { path: 'body', message: err instanceof Error ? err.message : 'invalid JSON' },
    ]);
  }
}

