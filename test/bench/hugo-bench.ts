import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeHugoSite } from './hugo-site';
import { median, spread, type Row } from './stats';

/** Whether Debian's `hugo` (apt-get install hugo) is on PATH; the comparison needs it. */
export function hugoInstalled(): boolean {
  return spawnSync('hugo', ['version'], { encoding: 'utf8' }).status === 0;
}

/**
 * Hugo's full build of the bench corpus, the rebuild a static site does on
 * every change: median wall time of `runs` builds into fresh directories, per
 * corpus size. Future dates are built (the corpus ends at 2030).
 */
export function hugoBuildTimes(counts: readonly number[], runs = 3): Map<number, number[]> {
  const times = new Map<number, number[]>();
  for (const count of counts) {
    const dir = mkdtempSync(join(tmpdir(), 'herald-hugo-'));
    try {
      writeHugoSite(dir, count);
      const ms: number[] = [];
      for (let r = 0; r <= runs; r++) {
        const start = process.hrtime.bigint();
        const out = spawnSync('hugo', ['--quiet', '--buildFuture', '--source', dir, '--destination', join(dir, `public-${r}`)], { encoding: 'utf8' });
        if (out.status !== 0) throw new Error(`hugo failed: ${out.stderr.slice(0, 500)}`);
        // The first build warms the file cache; it is not counted.
        if (r > 0) ms.push(Number(process.hrtime.bigint() - start) / 1e6);
      }
      times.set(count, ms);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  return times;
}

/** The rows for Hugo's side of the comparison. */
export function hugoRows(times: Map<number, number[]>): Row[] {
  return [...times].map(([count, ms]) => ({
    benchmark: `Hugo full build, ${count.toLocaleString('en')} items (pages, home, section, language and tag RSS, 50 per feed)`,
    measured: `${spread(ms, 0)} ms`,
    limit: '–',
    ratio: undefined,
    target: '–',
    met: undefined,
  }));
}

/** Herald's one change against Hugo's full rebuild of the same corpus: the target is 1/50 of it. */
export function oneChangeVersusHugo(count: number, publishMs: number[], hugoMs: number[]): Row {
  const ratio = median(publishMs) / (median(hugoMs) / 50);
  return {
    benchmark: `publish one change vs Hugo rebuild, ${count.toLocaleString('en')} stored`,
    measured: `${spread(publishMs)} ms`,
    limit: `Hugo ${spread(hugoMs, 0)} ms / 50`,
    ratio,
    target: '<= 1x',
    met: ratio <= 1,
  };
}
