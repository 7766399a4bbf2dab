import { buildSync, type BuildOptions } from 'esbuild';
import { createHash } from 'node:crypto';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import type { BuiltFile } from '../web/build';

/**
 * Builds the news box for partner sites (embed/src) into the files served
 * under /embed/: the module under its content hash (immutable) and under the
 * stable alias herald-news.js (short cache, what the README's snippet names),
 * and the iframe variant latest.html with its own hashed module. No runtime
 * dependencies, nothing inline. Used by `npm start`, the CDK app, bench and tests.
 */
export const EMBED_ALIAS = 'herald-news.js';
/** Cache-Control of the alias and latest.html: a new build reaches partner sites within five minutes. */
export const ALIAS_CACHE = 'public, max-age=300';
/** Cache-Control of a hashed file: its name changes with its content. */
export const EMBED_ASSET_CACHE = 'public, max-age=31536000, immutable';
/** The size budget of the module, gzipped (issue 15). */
export const EMBED_BUDGET = 8 * 1024;

const here = dirname(fileURLToPath(import.meta.url));
const JS = 'text/javascript; charset=utf-8';
const hash = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex').slice(0, 10);

function bundle(entry: string): Buffer {
  const options: BuildOptions & { write: false } = {
    entryPoints: [join(here, 'src', entry)],
    bundle: true,
    write: false,
    format: 'esm',
    minify: true,
    target: ['es2022'],
    legalComments: 'none',
    logLevel: 'silent',
  };
  return Buffer.from(buildSync(options).outputFiles[0]!.contents);
}

/** The built files, paths relative to /embed/. Synchronous: the CDK app builds them while constructing the stack. */
export function buildEmbed(): BuiltFile[] {
  const module = bundle('herald-news.ts');
  const frame = bundle('latest.ts');
  const moduleName = `herald-news.${hash(module)}.js`;
  const frameName = `latest.${hash(frame)}.js`;
  return [
    { path: moduleName, contentType: JS, cacheControl: EMBED_ASSET_CACHE, bytes: module },
    { path: frameName, contentType: JS, cacheControl: EMBED_ASSET_CACHE, bytes: frame },
    { path: EMBED_ALIAS, contentType: JS, cacheControl: ALIAS_CACHE, bytes: module },
    { path: 'latest.html', contentType: 'text/html; charset=utf-8', cacheControl: ALIAS_CACHE, bytes: Buffer.from(latestHtml(frameName)) },
  ];
}

/** The iframe page: its hashed module and an empty main, nothing inline; links open in the top window. */
function latestHtml(script: string): string {
  return [
    '<!doctype html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="robots" content="noindex">',
    '<title>Latest news</title>',
    '<base target="_top">',
    `<script type="module" src="/embed/${script}"></script>`,
    '</head>',
    '<body>',
    '<main></main>',
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

/** The module's size, gzipped at level 9, for the budget. */
export const embedGzipBytes = (files: readonly BuiltFile[]): number => gzipSync(files.find((f) => f.path === EMBED_ALIAS)!.bytes, { level: 9 }).length;
