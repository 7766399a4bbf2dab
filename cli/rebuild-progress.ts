import { SingleBar } from 'cli-progress';
import type { Client } from './client';
import type { Io } from './io';

type Counts = { feeds: number; written: number; unchanged: number };
type Rebuild = {
  status: string;
  requestedAt?: string;
  finishedAt?: string;
  progress?: Counts & { total: number };
  report?: { feeds: string[]; written: string[]; unchanged: string[] };
  totals?: Counts;
};

/** What a finished rebuild did, counted in full (the stored report lists only the first keys). */
export function summaryOf(rebuild: Rebuild): Counts & { seconds?: number } {
  const r = rebuild.report!;
  const t = rebuild.totals ?? { feeds: r.feeds.length, written: r.written.length, unchanged: r.unchanged.length };
  const ms = rebuild.requestedAt && rebuild.finishedAt ? Date.parse(rebuild.finishedAt) - Date.parse(rebuild.requestedAt) : undefined;
  return { feeds: t.feeds, written: t.written, unchanged: t.unchanged, ...(ms !== undefined ? { seconds: ms / 1000 } : {}) };
}

/**
 * Polls a rebuild until the publisher has run it. On a terminal it draws a
 * progress bar (cli-progress) of the feeds rendered, from the progress the
 * publisher notes after each page of feeds; otherwise a line when it starts.
 */
export async function waitForRebuild(api: Client, location: string, io: Io, timeoutMs = 600_000, pollMs = 250): Promise<Rebuild> {
  const started = Date.now();
  const bar = io.isTty
    ? new SingleBar({ format: 'rebuild [{bar}] {value}/{total} feeds | {written} written, {unchanged} unchanged | {duration}s', stream: process.stderr, hideCursor: true })
    : undefined;
  bar?.start(1, 0, { written: 0, unchanged: 0 });
  if (!bar) io.err(`rebuild ${location.split('/').pop()} requested; waiting for the publisher`);
  try {
    for (;;) {
      const rebuild = (await api('GET', location)).body as Rebuild;
      if (rebuild.status === 'done') {
        const s = summaryOf(rebuild);
        bar?.setTotal(Math.max(s.feeds, 1));
        bar?.update(s.feeds, { written: s.written, unchanged: s.unchanged });
        return rebuild;
      }
      if (rebuild.progress && bar) {
        bar.setTotal(Math.max(rebuild.progress.total, 1));
        bar.update(rebuild.progress.feeds, { written: rebuild.progress.written, unchanged: rebuild.progress.unchanged });
      }
      if (Date.now() - started > timeoutMs) throw new Error(`the rebuild did not finish within ${timeoutMs / 1000} s; check ${location}`);
      await new Promise((r) => setTimeout(r, pollMs));
    }
  } finally {
    bar?.stop();
  }
}
