import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { coldStartBench } from './cold-start-bench';
import { e2eBench } from './e2e-bench';
import { fanoutBench } from './fanout-bench';
import { inboxBench } from './inbox-bench';
import { loadBench } from './load-bench';
import { hugoBuildTimes, hugoInstalled, hugoRows } from './hugo-bench';
import { mediaBench } from './media-bench';
import { publishCostBench } from './publish-cost-bench';
import { rebuildBench } from './rebuild-bench';
import { changeFloorRows } from './change-floor';
import { fullRebuildBench } from './full-rebuild-bench';
import { renderBench } from './render-bench';
import { throughputBench } from './throughput-bench';
import { editorBench } from './editor-bench';
import { embedBench } from './embed-bench';
import { importBench } from './import-bench';
import type { Row } from './stats';

/**
 * `npm run bench`: every figure is a ratio against a limit measured (or fixed)
 * in the same run. Writes docs/benchmarks.md and prints the same table.
 */
async function main(): Promise<void> {
  const only = process.argv.slice(2);
  // Hugo (Debian's package) is the static-site rebuild Herald's one-change publish is compared with.
  let hugo: Map<number, number[]> | undefined;
  const hugoSide = async (): Promise<Row[]> => {
    if (!hugoInstalled()) {
      process.stderr.write('bench: hugo is not installed (apt-get install hugo); the static-site comparison is left out\n');
      return [];
    }
    hugo = hugoBuildTimes([1000, 10_000]);
    return hugoRows(hugo);
  };
  const suites: [string, () => Promise<Row | Row[]>][] = [
    ['render', () => renderBench()],
    ['cold-start', () => coldStartBench()],
    ['e2e', () => e2eBench(Number(process.env.BENCH_POSTS ?? 200))],
    // `npm run load` runs 120 s; here 30 s unless LOAD_SECONDS says otherwise.
    ['load', () => loadBench()],
    ['hugo', hugoSide],
    ['publish-cost', () => publishCostBench(undefined, undefined, hugo)],
    ['change-floor', () => changeFloorRows(hugo)],
    ['rebuild', () => rebuildBench()],
    ['full-rebuild', () => fullRebuildBench(hugo)],
    ['throughput', () => throughputBench()],
    ['media', () => mediaBench()],
    ['editor', () => editorBench()],
    ['fanout', () => fanoutBench()],
    ['inbox', () => inboxBench()],
    ['embed', () => Promise.resolve(embedBench())],
    ['import', () => importBench()],
  ];
  const rows: Row[] = [];
  for (const [name, run] of suites) {
    if (only.length && !only.includes(name)) continue;
    process.stderr.write(`bench: ${name}...\n`);
    try {
      rows.push(...[await run()].flat());
    } catch (err) {
      // One suite's failure is reported as its row; the others still run and the table is still written.
      process.stderr.write(`bench: ${name} failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
      rows.push({ benchmark: `${name} (suite failed)`, measured: String(err instanceof Error ? err.message : err).slice(0, 120), limit: '–', ratio: undefined, target: 'runs', met: false });
      process.exitCode = 1;
    }
  }
  const table = [
    '| benchmark | measured: median (min–max) | limit, same run | ratio | target | met |',
    '|---|---|---|---|---|---|',
    ...rows.map((r) => `| ${r.benchmark} | ${r.measured} | ${r.limit} | ${r.ratio === undefined ? '–' : `${r.ratio.toFixed(2)}x`} | ${r.target} | ${r.met === undefined ? '–' : r.met ? 'yes' : '**no**'} |`),
  ].join('\n');
  const header = [
    '# Herald benchmarks',
    '',
    `Machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB; Node ${process.version}; ${new Date().toISOString()}.`,
    'Produced by `npm run bench`; each limit is measured in the same run (or is the fixed target).',
    '',
    '',
  ].join('\n');
  // Targets this design cannot meet yet, and the plan for each (static text, not results).
  const gaps = readFileSync(new URL('./gaps.md', import.meta.url), 'utf8');
  console.log(table);
  console.log(gaps);
  if (!only.length) {
    mkdirSync('docs', { recursive: true });
    writeFileSync('docs/benchmarks.md', `${header}${table}\n${gaps}`);
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
