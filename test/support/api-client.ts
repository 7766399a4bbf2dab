import { TEST_TOKEN } from './local-process';

/** One API answer: its status and its JSON body ({} when empty). */
export type Answer = { status: number; json: Record<string, any> };

/**
 * A JSON client for a running Herald's API, as the e2e tests call it:
 * `token` defaults to the test's admin token, and null sends no
 * Authorization header at all. `base` is read per call (set in beforeAll).
 */
export function apiClient(base: () => string) {
  return async function api(method: string, path: string, body?: unknown, token: string | null = TEST_TOKEN): Promise<Answer> {
    const res = await fetch(`${base()}${path}`, {
      method,
      headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, json: text ? (JSON.parse(text) as Record<string, any>) : {} };
  };
}

/** The field paths of a 4xx answer's details. */
export const detailPaths = (a: Answer) => (a.json.details as { path: string }[]).map((d) => d.path);
