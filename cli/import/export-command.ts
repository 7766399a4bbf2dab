import { writeFile } from 'node:fs/promises';
import type { Client } from '../client';
import type { Io } from '../io';

/**
 * `herald export FILE`: every announcement (drafts, scheduled and retracted
 * included) as JSON Lines, one stored announcement a line as the API returns
 * it, its images and files by URL, oldest first so an import replays the
 * history in order. `herald import FILE` reads it back with the same ids.
 */
export async function exportCommand(api: Client, file: string, io: Io): Promise<void> {
  const all: Record<string, unknown>[] = [];
  let cursor: string | undefined;
  do {
    const query = new URLSearchParams({ limit: '100', ...(cursor ? { cursor } : {}) });
    const page = (await api('GET', `/api/announcements?${query}`)).body;
    all.push(...(page.items as Record<string, unknown>[]));
    cursor = page.cursor as string | undefined;
  } while (cursor);
  all.reverse();
  await writeFile(file, all.map((a) => `${JSON.stringify(a)}\n`).join(''), 'utf8');
  const media = all.reduce((n, a) => n + ((a.images as unknown[]) ?? []).length + ((a.attachments as unknown[]) ?? []).length, 0);
  io.out(`exported ${all.length} announcements (${media} media URLs) to ${file}`);
}
