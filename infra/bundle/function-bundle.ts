import type { BuildOptions } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ILocalBundling } from 'aws-cdk-lib';
import { literalSchemaKeys } from './literal-schema-keys';
import { esbuildOptions } from './options';

/** The repository root: entries, the lock file and tsconfig.json are found from here whatever the cwd. */
const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

/** The file Lambda loads: `index.handler` names its `handler` export. */
export const ENTRY_FILE = 'index.mjs';

/**
 * npm's platform settings for the packages installed beside a bundle: Lambda's
 * arm64 Linux with glibc, whatever machine synthesizes, so sharp's prebuilt
 * @img/sharp-linux-arm64 (and its libvips) is the one installed.
 */
export const LAMBDA_NPM_PLATFORM = { npm_config_os: 'linux', npm_config_cpu: 'arm64', npm_config_libc: 'glibc' } as const;

/**
 * How one function is bundled, for the stack and the cold-start bench alike:
 * code splitting, so a module reached only through `import()` (the Markdown
 * stack, the sanitiser, the OpenAPI document) is a chunk of its own that
 * Node reads and compiles on first use, not at every cold start; and the
 * SDK's schema files with literal keys, so unused operations are dropped.
 * A plugin makes these options async-only (esbuild's `build`, not `buildSync`).
 */
export function functionBuildOptions(entry: string, outdir: string, external: readonly string[] = []): BuildOptions {
  return {
    ...esbuildOptions(),
    absWorkingDir: repoRoot,
    nodePaths: [join(repoRoot, 'node_modules')],
    entryPoints: { index: entry },
    outdir,
    splitting: true,
    entryNames: '[name]',
    chunkNames: 'chunks/[name]-[hash]',
    outExtension: { '.js': '.mjs' },
    // Maps beside the code, not referenced from it (as NodejsFunction's SourceMapMode.EXTERNAL did).
    sourcemap: 'external',
    sourcesContent: false,
    tsconfig: join(repoRoot, 'tsconfig.json'),
    external: [...external],
    plugins: [literalSchemaKeys],
  };
}

/**
 * Bundles `entry` into `outDir` and installs `nodeModules` beside it for
 * Lambda's platform, from the repository's lock file, the way NodejsFunction
 * did (package.json with the declared ranges, then `npm ci`). Throws on any
 * failure: there is no Docker fallback.
 */
export function bundleFunction(entry: string, outDir: string, nodeModules: readonly string[] = []): void {
  // CDK's local bundling is synchronous and esbuild's plugins need its async API: build in a child process.
  const built = spawnSync(process.execPath, ['--import', 'tsx', join(repoRoot, 'infra/bundle/bundle-cli.ts'), entry, outDir, ...nodeModules], { cwd: repoRoot, stdio: 'inherit' });
  if (built.status !== 0) throw new Error(`bundling ${entry} failed (${built.error?.message ?? `exit ${built.status}`})`);
  if (nodeModules.length === 0) return;
  const pkg = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as Record<string, Record<string, string> | undefined>;
  const dependencies = Object.fromEntries(
    nodeModules.map((m) => {
      const version = pkg.dependencies?.[m] ?? pkg.devDependencies?.[m];
      if (version === undefined) throw new Error(`${m}: not in package.json, so it cannot be installed beside the bundle`);
      return [m, version];
    }),
  );
  writeFileSync(join(outDir, 'package.json'), JSON.stringify({ dependencies }));
  copyFileSync(join(repoRoot, 'package-lock.json'), join(outDir, 'package-lock.json'));
  const npm = spawnSync('npm', ['ci'], { cwd: outDir, env: { ...process.env, ...LAMBDA_NPM_PLATFORM }, stdio: 'inherit' });
  if (npm.status !== 0) throw new Error(`npm ci beside the ${entry} bundle failed (${npm.error?.message ?? `exit ${npm.status}`})`);
}

/**
 * CDK's local bundling of one function. Its fields are serialized into the
 * asset's bundling key, so two functions never share a staging directory.
 */
export class FunctionBundling implements ILocalBundling {
  constructor(
    readonly entry: string,
    readonly nodeModules: readonly string[] = [],
  ) {}

  tryBundle(outputDir: string): boolean {
    bundleFunction(this.entry, outputDir, this.nodeModules);
    return true;
  }
}
