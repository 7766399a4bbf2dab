/**
 * Herald's typed errors. Services throw these; the HTTP edge maps them to a
 * JSON body `{ error, message, details }`. Anything else is an internal fault
 * and is answered with a bare 500 that carries no detail.
 */
export type ErrorDetail = { path: string; message: string };

export class HeraldError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: ErrorDetail[] = [],
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class ValidationError extends HeraldError {
  constructor(message: string, details: ErrorDetail[] = []) {
    super(400, 'validation_failed', message, details);
  }
}
export class UnauthorizedError extends HeraldError {
  constructor(message = 'a valid bearer token is required') {
    super(401, 'unauthorized', message);
  }
}
export class ForbiddenError extends HeraldError {
  constructor(message = 'this token may not do that') {
    super(403, 'forbidden', message);
  }
}
export class NotFoundError extends HeraldError {
  constructor(message = 'not found') {
    super(404, 'not_found', message);
  }
}
export class MethodNotAllowedError extends HeraldError {
  constructor(readonly allow: string[]) {
    super(405, 'method_not_allowed', `allowed methods: ${allow.join(', ')}`);
  }
}
export class ConflictError extends HeraldError {
  constructor(message: string, details: ErrorDetail[] = []) {
    super(409, 'conflict', message, details);
  }
}
export class PreconditionFailedError extends HeraldError {
  constructor(currentVersion: number) {
    super(412, 'precondition_failed', 'If-Match does not match the current version', [], {
      currentVersion,
      currentEtag: `"v${currentVersion}"`,
    });
  }
}
export class PayloadTooLargeError extends HeraldError {
  constructor(limit: number) {
    super(413, 'payload_too_large', `the body exceeds ${limit} bytes`);
  }
}
export class UnsupportedMediaTypeError extends HeraldError {
  constructor() {
    super(415, 'unsupported_media_type', 'send the body as application/json');
  }
}
export class UnprocessableError extends HeraldError {
  constructor(code: string, message: string) {
    super(422, code, message);
  }
}
export class PreconditionRequiredError extends HeraldError {
  constructor() {
    super(428, 'precondition_required', 'send If-Match with the ETag you last read');
  }
}
/** Something that existed and can never be used again (an expired, used or revoked invitation); `code` names which. */
export class GoneError extends HeraldError {
  constructor(code: string, message: string) {
    super(410, code, message);
  }
}
/** A cookie-authenticated write without `X-Herald-CSRF: 1` and the site's own `Origin`. */
export class CsrfError extends HeraldError {
  constructor(message: string) {
    super(403, 'csrf', message);
  }
}
