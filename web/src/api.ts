/**
 * The one way the editor talks to Herald's API: same-origin cookies, the CSRF
 * header every cookie write needs (X-Herald-CSRF: 1), JSON in and out, and
 * errors as ApiError carrying the API's `{ error, message, details }`.
 */
export type FieldIssue = { path: string; message: string };

/** An answer other than 2xx, with the API's body when it sent one. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: FieldIssue[] = [],
    readonly body: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

/** Fired on window when an API call answers 401: the session is gone. */
export const SIGNED_OUT_EVENT = 'herald:signed-out';

/** A JSON answer with the headers the editor reads (ETag). */
export type ApiAnswer<T> = { data: T; etag: string | undefined; status: number };

/** Calls `path` (under the site root) with an optional JSON body and extra headers. */
export async function api<T>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<ApiAnswer<T>> {
  const res = await fetch(path, {
    method,
    credentials: 'same-origin',
    headers: {
      'X-Herald-CSRF': '1',
      accept: 'application/json',
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...headers,
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = res.status === 204 ? '' : await res.text();
  let parsed: unknown = undefined;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    parsed = undefined;
  }
  // A session that ended (expired, revoked, signed out elsewhere): the shell shows sign-in; unsaved edits stay in localStorage.
  if (res.status === 401 && !path.startsWith('/api/auth/')) dispatchEvent(new Event(SIGNED_OUT_EVENT));
  if (!res.ok) {
    const b = (parsed ?? {}) as { error?: string; message?: string; details?: FieldIssue[] };
    throw new ApiError(res.status, b.error ?? 'http_error', b.message ?? `${res.status} ${res.statusText}`, b.details ?? [], (parsed ?? {}) as Record<string, unknown>);
  }
  return { data: parsed as T, etag: res.headers.get('etag') ?? undefined, status: res.status };
}

/** Shorthands for the common verbs. */
export const get = <T>(path: string) => api<T>('GET', path).then((a) => a.data);
export const post = <T>(path: string, body?: unknown) => api<T>('POST', path, body ?? {}).then((a) => a.data);
export const del = (path: string, headers?: Record<string, string>) => api<unknown>('DELETE', path, undefined, headers);

/** A query string from the set values of `params`. */
export const query = (params: Record<string, string | undefined>) => {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v) q.set(k, v);
  const s = q.toString();
  return s ? `?${s}` : '';
};
