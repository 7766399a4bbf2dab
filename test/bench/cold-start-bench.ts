import { build, type Metafile } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { ENTRY_FILE, functionBuildOptions } from '../../infra/bundle/function-bundle';
import type { FunctionDeclaration } from '../../infra/function-declaration';
import { FUNCTIONS } from '../../infra/functions';
import { cloudEnvironment } from './cold-start-env';
import { median, spread, type Row } from './stats';

/** The target rows (issue 13), each against the SDK clients it was first measured with. */
const TARGETS: Record<string, string[]> = {
  admin: ['@aws-sdk/client-dynamodb', '@aws-sdk/lib-dynamodb'],
  publisher: ['@aws-sdk/client-dynamodb', '@aws-sdk/lib-dynamodb', '@aws-sdk/client-s3'],
  authorizer: ['@aws-sdk/client-dynamodb', '@aws-sdk/lib-dynamodb'],
};
const BUDGET = 600 * 1024;

type Bundle = { file: string; entry: number; chunks: number; meta: Metafile };

/** Bundles as the CDK stack does (infra/bundle/function-bundle.ts, SDK inside): an entry file and its chunks. */
async function bundle(entry: string, outdir: string, external: readonly string[] = []): Promise<Bundle> {
  const { metafile } = await build({ ...functionBuildOptions(entry, outdir, external), metafile: true });
  const size = (dir: string) => readdirSync(dir).filter((f) => f.endsWith('.mjs')).reduce((sum, f) => sum + statSync(join(dir, f)).size, 0);
  const chunks = readdirSync(outdir).includes('chunks') ? size(join(outdir, 'chunks')) : 0;
  return { file: join(outdir, ENTRY_FILE), entry: statSync(join(outdir, ENTRY_FILE)).size, chunks, meta: metafile };
}

/** The SDK client packages a bundle loads at cold start (its entry and the chunks that imports statically). */
function eagerSdkClients(b: Bundle): string[] {
  const outputs = new Map(Object.entries(b.meta.outputs).map(([path, out]) => [resolve(path), out]));
  const seen = new Set<string>();
  const next = [b.file];
  const clients = new Set<string>();
  while (next.length) {
    const file = next.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    const out = outputs.get(file);
    for (const input of Object.keys(out?.inputs ?? {})) {
      const pkg = /node_modules\/(@aws-sdk\/(?:client-[\w-]+|lib-dynamodb))\//.exec(input)?.[1];
      if (pkg) clients.add(pkg);
    }
    for (const i of out?.imports ?? []) if (i.kind === 'import-statement' && !i.external) next.push(resolve(i.path));
  }
  return [...clients].sort();
}

type Import = { wall: number; cpu: number };

/**
 * A first admin request that parses a body and needs no network: a create
 * the schema refuses (400), behind the authorizer's verdict as in the cloud.
 * It loads the request schemas chunk, as a cold start's first write or list does.
 */
const FIRST_PARSE = JSON.stringify({
  version: '2.0',
  rawPath: '/api/announcements',
  rawQueryString: '',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ language: 'en' }),
  isBase64Encoded: false,
  requestContext: { requestId: 'bench', http: { method: 'POST', path: '/api/announcements' }, authorizer: { lambda: { subject: 'bench', role: 'editor' } } },
});

/** Wall and CPU time of a fresh Node process importing `file` (chunks it imports statically included), then handling `event` if given. */
function importOnce(file: string, env: Record<string, string>, event?: string): Import {
  const handle = event ? `const r=await m.handler(${event});if(r.statusCode!==400)throw new Error('expected 400, got '+r.statusCode);` : '';
  const script = `const c=process.cpuUsage();const t=process.hrtime.bigint();const m=await import(${JSON.stringify(file)});${handle}const u=process.cpuUsage(c);console.log(Number(process.hrtime.bigint()-t)/1e6,(u.user+u.system)/1e3)`;
  const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], { env: { ...process.env, ...env }, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim().split('\n').pop()!;
  const [wall, cpu] = out.split(' ').map(Number) as [number, number];
  return { wall, cpu };
}

/**
 * `runs` imports of each file, interleaved (function, floor, floor, function,
 * ...), so a change in the machine's load during the run falls on both sides
 * alike rather than on whichever ran second.
 */
function importTimes(files: [string, string], runs: number, env: Record<string, string>, event?: string): [Import[], Import[]] {
  const out: [Import[], Import[]] = [[], []];
  for (let i = 0; i < runs; i++) for (const j of i % 2 ? [1, 0] : [0, 1]) out[j]!.push(importOnce(files[j]!, env, j === 0 ? event : undefined));
  return out;
}

/** Wall time as the bench reports it, with the median CPU time beside it (less sensitive to a busy machine). */
const timing = (xs: Import[]) => `${spread(xs.map((x) => x.wall))} ms (CPU ${median(xs.map((x) => x.cpu)).toFixed(1)} ms)`;
const kb = (n: number) => `${(n / 1024).toFixed(0)} KB`;

/**
 * Bundle size and cold import time of every declared function against an
 * SDK-only floor, each imported with a representative cloud environment
 * (cold-start-env.ts). Admin, publisher and authorizer are the targets;
 * the others are informative (their own SDK clients as the floor) with a
 * budget row each.
 */
export async function coldStartBench(runs = 15, otherRuns = 9): Promise<Row[]> {
  const dir = mkdtempSync(join(tmpdir(), 'herald-bundles-'));
  // Packages a function ships beside its bundle (sharp) resolve from here, as from the bundle's own node_modules in Lambda.
  symlinkSync(resolve('node_modules'), join(dir, 'node_modules'));
  const rows: Row[] = [];
  const order = ([...FUNCTIONS] as FunctionDeclaration[]).sort((a, b) => Number(b.name in TARGETS) - Number(a.name in TARGETS));
  for (const decl of order) {
    const { name } = decl;
    const target = name in TARGETS;
    const fnBundle = await bundle(decl.entry, join(dir, name), decl.bundling?.nodeModules);
    const sdk = TARGETS[name] ?? eagerSdkClients(fnBundle);
    const floorEntry = join(dir, `${name}-floor.ts`);
    // Touch each module's exports so the bundler cannot drop them.
    writeFileSync(floorEntry, sdk.map((m, i) => `import * as m${i} from '${m}';\n(globalThis as Record<string, unknown>).k${i} = Object.keys(m${i}).length;`).join('\n'));
    const floorBundle = await bundle(floorEntry, join(dir, `${name}-floor`));
    const [fn, floor] = importTimes([fnBundle.file, floorBundle.file], target ? runs : otherRuns, cloudEnvironment(decl));
    const ratio = median(fn.map((x) => x.wall)) / median(floor.map((x) => x.wall));
    // The size counts every chunk, loaded at cold start or not: it is what is deployed.
    const size = fnBundle.entry + fnBundle.chunks;
    const measured = `${kb(size)} (entry ${kb(fnBundle.entry)} + chunks ${kb(fnBundle.chunks)})`;
    rows.push({ benchmark: `bundle size: ${name}`, measured, limit: `600 KB (SDK-only floor ${kb(floorBundle.entry + floorBundle.chunks)})`, ratio: size / BUDGET, target: '<= 1.0x', met: size <= BUDGET });
    const floorName = target ? 'SDK-only' : `SDK-only (${sdk.map((m) => m.replace('@aws-sdk/', '')).join(', ')})`;
    rows.push({ benchmark: `cold import: ${name}${target ? '' : ' (informative)'}`, measured: timing(fn), limit: `${floorName} ${timing(floor)}`, ratio, target: target ? '<= 1.3x' : '–', met: target ? ratio <= 1.3 : undefined });
    if (name === 'admin') {
      // What the import row leaves out: the schemas a first write or list loads (informative, against the same floor's import).
      const [first, floor2] = importTimes([fnBundle.file, floorBundle.file], runs, cloudEnvironment(decl), FIRST_PARSE);
      const firstRatio = median(first.map((x) => x.wall)) / median(floor2.map((x) => x.wall));
      rows.push({ benchmark: 'cold import + first parse (a refused create): admin (informative)', measured: timing(first), limit: `SDK-only import ${timing(floor2)}`, ratio: firstRatio, target: '–', met: undefined });
    }
  }
  return rows;
}
