import { ApiError, type Client } from '../client';

/** The old site's path and query of a link, as a redirect's `from`; undefined when it cannot be one. */
export function redirectFrom(link: string): string | undefined {
  try {
    const u = new URL(link);
    const from = `${u.pathname}${u.search}`;
    return from !== '/' && Buffer.byteLength(from) <= 512 ? from : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Saves a redirect from each imported item's old path to its Herald page
 * (`PUT /api/redirects`, 100 a request; idempotent, so a re-import saves the
 * same pairs again). A server without the route is reported, not fatal.
 */
export async function saveRedirects(api: Client, pairs: { link: string; to: string }[]): Promise<{ saved: number; error?: string }> {
  const redirects = [...new Map(pairs.flatMap((p) => {
    const from = redirectFrom(p.link);
    return from ? [[from, { from, to: p.to }] as const] : [];
  })).values()];
  let saved = 0;
  try {
    for (let i = 0; i < redirects.length; i += 100) {
      const res = await api('PUT', '/api/redirects', { body: { redirects: redirects.slice(i, i + 100) } });
      saved += Number(res.body.saved ?? 0);
    }
    return { saved };
  } catch (err) {
    const why = err instanceof ApiError ? `${err.status} ${err.message}` : (err as Error).message;
    return { saved, error: why };
  }
}
