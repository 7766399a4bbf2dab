/** An error answer from the API, or a failure to reach it, as the CLI reports it. */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: { path: string; message: string }[] = [],
  ) {
    super(message);
  }
}

export type ApiAnswer = { status: number; headers: Headers; body: Record<string, unknown> };

/**
 * The admin API over HTTP with a bearer token. Requests that may have been
 * lost (network errors, 502-504) are retried; a POST only when it carries an
 * Idempotency-Key, so a retry can never create a second announcement.
 */
export function makeClient(options: { baseUrl: string; token: string; retries?: number; fetch?: typeof fetch }) {
  const doFetch = options.fetch ?? fetch;
  const retries = options.retries ?? 3;
  return async function request(
    method: string,
    path: string,
    init: { body?: unknown; headers?: Record<string, string> } = {},
  ): Promise<ApiAnswer> {
    const headers: Record<string, string> = { authorization: `Bearer ${options.token}`, ...init.headers };
    if (init.body !== undefined) headers['content-type'] = 'application/json';
    const retryable = method !== 'POST' || Object.keys(headers).some((h) => h.toLowerCase() === 'idempotency-key');
    for (let attempt = 0; ; attempt++) {
      let res: Response;
      try {
        res = await doFetch(new URL(path, options.baseUrl), {
          method,
          headers,
          body: init.body === undefined ? undefined : JSON.stringify(init.body),
        });
      } catch (err) {
        if (retryable && attempt < retries) {
          await pause(attempt);
          continue;
        }
        const cause = (err as { cause?: { code?: string } }).cause?.code ?? (err as Error).message;
        throw new ApiError(0, 'unreachable', `cannot reach ${options.baseUrl} (${cause})`);
      }
      if (retryable && [502, 503, 504].includes(res.status) && attempt < retries) {
        await pause(attempt);
        continue;
      }
      const text = await res.text();
      let body: Record<string, unknown> = {};
      try {
        body = text ? (JSON.parse(text) as Record<string, unknown>) : {};
      } catch {
        throw new ApiError(res.status, 'not_json', `the server answered ${res.status} with something that is not JSON`);
      }
      if (res.status >= 400) {
        throw new ApiError(
          res.status,
          String(body.error ?? 'error'),
          String(body.message ?? res.statusText),
          (body.details as { path: string; message: string }[] | undefined) ?? [],
        );
      }
      return { status: res.status, headers: res.headers, body };
    }
  };
}
export type Client = ReturnType<typeof makeClient>;

const pause = (attempt: number) => new Promise((r) => setTimeout(r, 200 * 2 ** attempt));
