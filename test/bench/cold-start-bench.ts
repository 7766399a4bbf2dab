import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { esbuildOptions } from '../../infra/bundle/options';
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

/** Bundles with the options the CDK stack uses (infra/bundle/options.ts), SDK inside. */
async function bundle(entry: string, outfile: string): Promise<number> {
  await build({ ...esbuildOptions(), entryPoints: [entry], outfile });
  return statSync(outfile).size;
}

/** Median wall time of `runs` fresh Node processes importing `file`. */
function importTimes(file: string, runs: number): number[] {
  const script = `const t=process.hrtime.bigint();await import(${JSON.stringify(file)});console.log(Number(process.hrtime.bigint()-t)/1e6)`;
  return Array.from({ length: runs }, () =>
    Number(execFileSync(process.execPath, ['--input-type=module', '-e', script], { env: ENV, encoding: 'utf8' }).trim()),
  );
}

/** Bundle size and cold import time of each function against an SDK-only floor. */
export async function coldStartBench(runs = 15): Promise<Row[]> {
  const dir = mkdtempSync(join(tmpdir(), 'herald-bundles-'));
  const rows: Row[] = [];
  for (const [name, sdk] of Object.entries(FUNCTIONS)) {
    const out = join(dir, `${name}.mjs`);
    const size = await bundle(`functions/${name}/handler.ts`, out);
    const floorEntry = join(dir, `${name}-floor.ts`);
    // Touch each module's exports so the bundler cannot drop them.
    writeFileSync(floorEntry, sdk.map((m, i) => `import * as m${i} from '${m}';\n(globalThis as Record<string, unknown>).k${i} = Object.keys(m${i}).length;`).join('\n'));
    const floorOut = join(dir, `${name}-floor.mjs`);
    const floorSize = await bundle(floorEntry, floorOut);
    const fn = importTimes(out, runs);
    const floor = importTimes(floorOut, runs);
    const ratio = median(fn) / median(floor);
    rows.push({ benchmark: `bundle size: ${name}`, measured: `${(size / 1024).toFixed(0)} KB`, limit: `600 KB (SDK-only floor ${(floorSize / 1024).toFixed(0)} KB)`, ratio: size / (600 * 1024), target: '<= 1.0x', met: size <= 600 * 1024 });
    rows.push({ benchmark: `cold import: ${name}`, measured: `${spread(fn)} ms`, limit: `SDK-only ${spread(floor)} ms`, ratio, target: '<= 1.3x', met: ratio <= 1.3 });
  }
  return rows;
}
