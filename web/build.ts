import { build, buildSync, type BuildOptions, type BuildResult } from 'esbuild';
import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Builds the editor (web/src) into a handful of files: index.html, one hashed
 * JS module and one hashed stylesheet. Nothing inline, so the admin CSP can be
 * `script-src 'self'; style-src 'self'`. Used by `npm start` (uploaded under
 * admin/), by the CDK app at synth (BucketDeployment), by the bench and tests.
 */
export type BuiltFile = { path: string; contentType: string; cacheControl: string; bytes: Buffer };

/** Cache-Control of the app shell: re-read on every visit so a new build is picked up at once. */
export const SHELL_CACHE = 'no-store';
/** Cache-Control of a hashed asset: its name changes with its content. */
export const ASSET_CACHE = 'public, max-age=31536000, immutable';

const here = dirname(fileURLToPath(import.meta.url));

/** The built app, paths relative to /admin/. */
export async function buildEditor(options: { minify?: boolean } = {}): Promise<BuiltFile[]> {
  return (await bundle(options)).files;
}

/**
 * Minified bytes in the output by source package (`preact`, `zod`, `@simplewebauthn/browser`)
 * or `herald` for Herald's own code (web/ and shared/), to see what sharing the API's schemas costs.
 */
export async function editorBreakdown(): Promise<Record<string, number>> {
  const { metafile } = await bundle({});
  const by: Record<string, number> = {};
  for (const out of Object.values(metafile.outputs)) {
    for (const [input, { bytesInOutput }] of Object.entries(out.inputs)) {
      const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(input)?.[1] ?? (input.startsWith('shared/') || input.includes('/shared/') ? 'herald shared/' : 'herald web/');
      by[pkg] = (by[pkg] ?? 0) + bytesInOutput;
    }
  }
  return by;
}

/** The built app, synchronously: the CDK app builds it while constructing the stack. */
export function buildEditorSync(options: { minify?: boolean } = {}): BuiltFile[] {
  return filesOf(buildSync(optionsFor(options)) as BuildResult<{ write: false; metafile: true }>).files;
}

async function bundle(options: { minify?: boolean }) {
  return filesOf((await build(optionsFor(options))) as BuildResult<{ write: false; metafile: true }>);
}

function optionsFor(options: { minify?: boolean }): BuildOptions & { write: false; metafile: true } {
  return {
    entryPoints: { app: join(here, 'src/main.tsx') },
    bundle: true,
    write: false,
    format: 'esm',
    splitting: true,
    outdir: '/out',
    entryNames: '[name]-[hash]',
    chunkNames: 'chunk-[hash]',
    assetNames: '[name]-[hash]',
    minify: options.minify ?? true,
    target: ['es2022'],
    jsx: 'automatic',
    jsxImportSource: 'preact',
    legalComments: 'none',
    metafile: true,
    logLevel: 'silent',
    define: { 'process.env.NODE_ENV': '"production"' },
  };
}

function filesOf(result: BuildResult<{ write: false; metafile: true }>) {
  const files: BuiltFile[] = result.outputFiles.map((f) => ({
    path: f.path.replace(/^\/out\//, ''),
    contentType: f.path.endsWith('.css') ? 'text/css; charset=utf-8' : 'text/javascript; charset=utf-8',
    cacheControl: ASSET_CACHE,
    bytes: Buffer.from(f.contents),
  }));
  const entry = files.find((f) => /^app-[A-Z0-9]+\.js$/i.test(f.path));
  const css = files.find((f) => f.path.endsWith('.css'));
  if (!entry) throw new Error('editor build produced no entry module');
  const html = indexHtml(entry.path, css?.path);
  files.push({ path: 'index.html', contentType: 'text/html; charset=utf-8', cacheControl: SHELL_CACHE, bytes: Buffer.from(html) });
  return { files, metafile: result.metafile };
}

/** The app shell: a noscript note and the two hashed files, nothing inline. */
function indexHtml(script: string, stylesheet: string | undefined): string {
  return [
    '<!doctype html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="robots" content="noindex">',
    '<title>Herald editor</title>',
    stylesheet ? `<link rel="stylesheet" href="/admin/${stylesheet}">` : '',
    `<script type="module" src="/admin/${script}"></script>`,
    '</head>',
    '<body>',
    '<div id="app"><noscript>The Herald editor needs JavaScript.</noscript></div>',
    '</body>',
    '</html>',
    '',
  ].filter(Boolean).join('\n');
}

/** Bytes of the first screen's JavaScript, gzipped: the entry module and the chunks it imports statically. */
export function firstScreenGzipBytes(files: readonly BuiltFile[]): number {
  const html = files.find((f) => f.path === 'index.html')!.bytes.toString('utf8');
  const entry = /src="\/admin\/([^"]+\.js)"/.exec(html)?.[1];
  const seen = new Set<string>();
  const visit = (path: string) => {
    if (seen.has(path)) return;
    seen.add(path);
    const file = files.find((f) => f.path === path);
    if (!file) return;
    for (const m of file.bytes.toString('utf8').matchAll(/(?:^|[;}\n])import\s*(?:[\w${},\s*]+from\s*)?["']\.\/([^"']+\.js)["']/g)) visit(m[1]!);
  };
  if (entry) visit(entry);
  return [...seen].reduce((sum, p) => sum + gzipSync(files.find((f) => f.path === p)?.bytes ?? Buffer.alloc(0), { level: 9 }).length, 0);
}

/** A short content hash, for tests that check names follow content. */
export const contentHash = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex').slice(0, 8);
