import { build } from 'esbuild';
import { functionBuildOptions } from './function-bundle';

/**
 * `node --import tsx infra/bundle/bundle-cli.ts ENTRY OUTDIR [EXTERNAL...]`:
 * one function's bundle, for CDK's synchronous local bundling
 * (infra/bundle/function-bundle.ts), since the bundle options carry an
 * esbuild plugin that only the async API runs.
 */
const [entry, outDir, ...external] = process.argv.slice(2);
if (!entry || !outDir) throw new Error('usage: bundle-cli.ts ENTRY OUTDIR [EXTERNAL...]');
await build(functionBuildOptions(entry, outDir, external));
