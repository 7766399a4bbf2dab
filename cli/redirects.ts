import type { Client } from './client';
import type { Io } from './io';

/**
 * `herald redirects list`: every redirect as `from -> to`, following the
 * cursor through all pages. False when the sub-command is not one it knows
 * (main answers with the usage).
 */
export async function redirectsCommand(api: Client, args: string[], io: Io): Promise<boolean> {
  if (args.length !== 1 || args[0] !== 'list') return false;
  let cursor: string | undefined;
  do {
    const query = new URLSearchParams({ limit: '1000', ...(cursor ? { cursor } : {}) });
    const page = (await api('GET', `/api/redirects?${query}`)).body;
    for (const r of page.items as { from: string; to: string }[]) io.out(`${r.from} -> ${r.to}`);
    cursor = page.cursor as string | undefined;
  } while (cursor);
  return true;
}
