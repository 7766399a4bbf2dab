import './zod-english';
import * as z from 'zod/mini';
import { HeraldError } from './errors';
import { MediaRequest } from './media';

/** `POST /api/media/fetch`: a URL the server downloads, and optionally the file name to keep. */
export const MediaFetchRequest = z.strictObject({
  url: z.string().check(
    z.maxLength(2048),
    z.refine((s) => URL.canParse(s) && ['http:', 'https:'].includes(new URL(s).protocol), 'must be an http or https URL'),
    z.refine((s) => !URL.canParse(s) || new URL(s).username === '', 'must not carry credentials'),
  ),
  filename: z.optional(MediaRequest.shape.filename),
});
export type MediaFetchRequest = z.output<typeof MediaFetchRequest>;

/** 403: the URL (or a redirect) leads to a private, loopback or link-local address. */
export class PrivateAddressError extends HeraldError {
  constructor(url: string, message: string) {
    super(403, 'private_address', `url: ${url.slice(0, 300)}: ${message}`, [{ path: 'url', message }]);
  }
}

/** 422: the URL could not be fetched (no answer, an HTTP error, too many redirects); the message names URL and status. */
export class FetchFailedError extends HeraldError {
  constructor(url: string, message: string) {
    super(422, 'fetch_failed', `url: ${url.slice(0, 300)}: ${message}`, [{ path: 'url', message }]);
  }
}

/** 413: the body is above the limit (declared or counted while streaming). */
export class FetchTooLargeError extends HeraldError {
  constructor(url: string, limit: number) {
    super(413, 'payload_too_large', `url: ${url.slice(0, 300)}: the file is above the limit of ${limit} bytes`, [{ path: 'url', message: `must be at most ${limit} bytes` }]);
  }
}
