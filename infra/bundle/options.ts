import type { BuildOptions } from 'esbuild';
import { join } from 'node:path';

/**
 * How every Lambda function is bundled, in one place: the CDK stack
 * (infra/constructs/herald-function.ts) and the cold-start benchmark
 * (test/bench/cold-start-bench.ts) both read it, so what is measured is what
 * is deployed.
 */
export const BUNDLE = {
  format: 'esm',
  target: 'node24',
  // The SDK's ES module builds tree-shake better than its CommonJS ones.
  mainFields: ['module', 'main'],
  minify: true,
  // ESM output still meets CommonJS dependencies that call require() on Node built-ins.
  banner: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);",
  /** Module replacements, paths relative to the repository root. */
  alias: {
    postcss: './infra/bundle/no-postcss.cjs',
    htmlparser2: './infra/bundle/htmlparser2-parser.mjs',
    '@aws-sdk/credential-provider-node': './infra/bundle/env-credentials.mjs',
    bowser: './infra/bundle/no-bowser.mjs',
    '@smithy/core/event-streams': './infra/bundle/no-event-streams.mjs',
  },
} as const;

/** The same settings as esbuild API options, for code that bundles outside the CDK. */
export function esbuildOptions(alias: Record<string, string> = BUNDLE.alias): BuildOptions {
  return {
    bundle: true,
    platform: 'node',
    format: BUNDLE.format,
    target: BUNDLE.target,
    mainFields: [...BUNDLE.mainFields],
    minify: BUNDLE.minify,
    banner: { js: BUNDLE.banner },
    alias,
    logLevel: 'silent',
    nodePaths: [join(process.cwd(), 'node_modules')],
  };
}
