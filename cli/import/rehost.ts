import type { Client } from '../client';
import { ApiError } from '../client';
import { fileNameOf } from './media-rss';

/** What re-hosting did, for the final report. */
export type MediaTally = { rehosted: number; kept: { url: string; reason: string }[] };

/**
 * Re-hosts an item's images and files through `POST /api/media/fetch` (the
 * server downloads, checks the real type, strips metadata). A URL is fetched
 * once a run; a position the stored announcement already holds as Herald
 * media is reused, so importing again downloads nothing and changes nothing.
 * A failure keeps the original URL and says why; past `max` fetches every
 * further URL is kept remote.
 */
export function makeRehoster(api: Client, max: number) {
  const done = new Map<string, string>();
  const tally: MediaTally = { rehosted: 0, kept: [] };
  let fetches = 0;

  async function one(url: string, stored: string | undefined): Promise<string> {
    if (stored?.includes('/media/')) return stored;
    const known = done.get(url);
    if (known) return known;
    if (fetches >= max) {
      tally.kept.push({ url, reason: `more than --max-media ${max} files` });
      return url;
    }
    fetches++;
    try {
      const res = await api('POST', '/api/media/fetch', { body: { url, filename: fileNameOf(url).slice(0, 200) } });
      const hosted = String(res.body.url);
      done.set(url, hosted);
      tally.rehosted++;
      return hosted;
    } catch (err) {
      const reason = err instanceof ApiError ? `${err.status || 'unreachable'} ${err.message}` : (err as Error).message;
      tally.kept.push({ url, reason });
      done.set(url, url);
      return url;
    }
  }

  return {
    tally,
    /** The item with its media URLs replaced by re-hosted ones where that worked. */
    async item(item: Record<string, unknown>, stored: Record<string, unknown> | undefined): Promise<Record<string, unknown>> {
      const swap = async (field: 'images' | 'attachments') => {
        const list = (item[field] as { url: string }[] | undefined) ?? [];
        const prev = (stored?.[field] as { url: string }[] | undefined) ?? [];
        const out = [];
        // In order: one download at a time keeps a slow origin from being hammered.
        for (const [i, m] of list.entries()) out.push({ ...m, url: await one(m.url, prev[i]?.url) });
        return out;
      };
      return { ...item, images: await swap('images'), attachments: await swap('attachments') };
    },
  };
}
