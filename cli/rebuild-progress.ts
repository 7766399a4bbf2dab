import type { Client } from './client';
import type { Io } from './io';

type Rebuild = { status: string; report?: { feeds: string[]; written: string[]; unchanged: string[] } };

const WIDTH = 24;

/**
 * Polls a rebuild until the publisher has run it, drawing a progress bar on a
 * terminal (the total is unknown until the end, so the bar sweeps while
 * pending and fills when done) and plain status lines otherwise.
 */
export async function waitForRebuild(api: Client, location: string, io: Io, timeoutMs = 120_000): Promise<Rebuild> {
  const started = Date.now();
  let frame = 0;
  const draw = (state: string, full = false) => {
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    if (!io.isTty) return;
    const pos = frame++ % (WIDTH - 4);
    const bar = full ? '='.repeat(WIDTH) : `${' '.repeat(pos)}====${' '.repeat(WIDTH - 4 - pos)}`;
    process.stderr.write(`\r[${bar}] ${state} ${seconds}s `);
    if (full) process.stderr.write('\n');
  };
  if (!io.isTty) io.err(`rebuild ${location.split('/').pop()} requested; waiting for the publisher`);
  for (;;) {
    const res = await api('GET', location);
    const rebuild = res.body as Rebuild;
    if (rebuild.status === 'done') {
      draw('done', true);
      return rebuild;
    }
    if (Date.now() - started > timeoutMs) throw new Error(`the rebuild did not finish within ${timeoutMs / 1000} s; check ${location}`);
    draw(rebuild.status);
    await new Promise((r) => setTimeout(r, 250));
  }
}
