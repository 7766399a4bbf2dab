import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ENTRY_FILE, functionBuildOptions } from '../../infra/bundle/function-bundle';
import { median, spread, type Row } from './stats';

const FUNCTIONS: Record<string, string[]> = {
  admin: ['@aws-sdk/client-dynamodb', '@aws-sdk/lib-dynamodb'],
  publisher: ['@aws-sdk/client-dynamodb', '@aws-sdk/lib-dynamodb', '@aws-sdk/client-s3'],
  authorizer: ['@aws-sdk/client-dynamodb', '@aws-sdk/lib-dynamodb'],
};

const ENV = {
  ...process.env,
  TABLE_NAME: 't',
  BUCKET_NAME: 'b',
  SITE_URL: 'https://news.example.org',
  AWS_REGION: 'us-east-1',
  AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
};

type Bundle = { file: string; entry: number; chunks: number };

/** Bundles as the CDK stack does (infra/bundle/function-bundle.ts, SDK inside): an entry file and its chunks. */
async function bundle(entry: string, outdir: string): Promise<Bundle> {
  await build(functionBuildOptions(entry, outdir));
  const size = (dir: string) => readdirSync(dir).filter((f) => f.endsWith('.mjs')).reduce((sum, f) => sum + statSync(join(dir, f)).size, 0);
  const chunks = readdirSync(outdir).includes('chunks') ? size(join(outdir, 'chunks')) : 0;
  return { file: join(outdir, ENTRY_FILE), entry: statSync(join(outdir, ENTRY_FILE)).size, chunks };
}

type Import = { wall: number; cpu: number };

/** Wall and CPU time of a fresh Node process importing `file` (chunks it imports statically included). */
function importOnce(file: string): Import {
  const script = `const c=process.cpuUsage();const t=process.hrtime.bigint();await import(${JSON.stringify(file)});const u=process.cpuUsage(c);console.log(Number(process.hrtime.bigint()-t)/1e6,(u.user+u.system)/1e3)`;
  const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], { env: ENV, encoding: 'utf8' }).trim().split('\n').pop()!;
  const [wall, cpu] = out.split(' ').map(Number) as [number, number];
  return { wall, cpu };
}

/**
 * `runs` imports of each file, interleaved (function, floor, floor, function,
 * ...), so a change in the machine's load during the run falls on both sides
 * alike rather than on whichever ran second.
 */
function importTimes(files: [string, string], runs: number): [Import[], Import[]] {
  const out: [Import[], Import[]] = [[], []];
  for (let i = 0; i < runs; i++) for (const j of i % 2 ? [1, 0] : [0, 1]) out[j]!.push(importOnce(files[j]!));
  return out;
}

/** Wall time as the bench reports it, with the median CPU time beside it (less sensitive to a busy machine). */
const timing = (xs: Import[]) => `${spread(xs.map((x) => x.wall))} ms (CPU ${median(xs.map((x) => x.cpu)).toFixed(1)} ms)`;

/** Bundle size and cold import time of each function against an SDK-only floor. */
export async function coldStartBench(runs = 15): Promise<Row[]> {
  const dir = mkdtempSync(join(tmpdir(), 'herald-bundles-'));
  const rows: Row[] = [];
  for (const [name, sdk] of Object.entries(FUNCTIONS)) {
    const fnBundle = await bundle(`functions/${name}/handler.ts`, join(dir, name));
    const floorEntry = join(dir, `${name}-floor.ts`);
    // Touch each module's exports so the bundler cannot drop them.
    writeFileSync(floorEntry, sdk.map((m, i) => `import * as m${i} from '${m}';\n(globalThis as Record<string, unknown>).k${i} = Object.keys(m${i}).length;`).join('\n'));
    const floorBundle = await bundle(floorEntry, join(dir, `${name}-floor`));
    const [fn, floor] = importTimes([fnBundle.file, floorBundle.file], runs);
    const ratio = median(fn.map((x) => x.wall)) / median(floor.map((x) => x.wall));
    // The size counts every chunk, loaded at cold start or not: it is what is deployed.
    const size = fnBundle.entry + fnBundle.chunks;
    const kb = (n: number) => `${(n / 1024).toFixed(0)} KB`;
    const measured = `${kb(size)} (entry ${kb(fnBundle.entry)} + chunks ${kb(fnBundle.chunks)})`;
    rows.push({ benchmark: `bundle size: ${name}`, measured, limit: `600 KB (SDK-only floor ${kb(floorBundle.entry + floorBundle.chunks)})`, ratio: size / (600 * 1024), target: '<= 1.0x', met: size <= 600 * 1024 });
    rows.push({ benchmark: `cold import: ${name}`, measured: timing(fn), limit: `SDK-only ${timing(floor)}`, ratio, target: '<= 1.3x', met: ratio <= 1.3 });
  }
  return rows;
}
