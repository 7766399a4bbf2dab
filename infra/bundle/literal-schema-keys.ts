import type { Plugin } from 'esbuild';
import { readFileSync } from 'node:fs';

/** The SDK clients' generated schema files (one per client, e.g. @aws-sdk/client-s3/dist-es/schemas/schemas_0.js). */
const SCHEMA_FILE = /[\\/]@aws-sdk[\\/]client-[^\\/]+[\\/]dist-es[\\/]schemas[\\/]schemas_\d+\.js$/;

/** `const _h = "http";`: the file's short names for its strings (no escapes, so the literal is the value). */
const NAMED_STRING = /^const (_\w+) = ("[^"\\\n]*");$/gm;

/**
 * Rewrites `{ [_h]: x }` as `{ "http": x }` in `source`, for every `_name`
 * the file declares as a string constant; other text is left as it is.
 */
export function literalKeys(source: string): string {
  const names = new Map<string, string>();
  for (const m of source.matchAll(NAMED_STRING)) names.set(m[1]!, m[2]!);
  return source.replace(/\[(_\w+)\]:/g, (all, name: string) => {
    const literal = names.get(name);
    return literal === undefined ? all : `${literal}:`;
  });
}

/**
 * Lets esbuild drop the schemas of operations a function never calls. The
 * SDK's generated schema files write trait objects with computed keys
 * (`{ [_h]: ["PUT", "/{Key+}", 200] }`); esbuild must assume a computed key
 * may run code, so it kept every operation's schema: 66 KB of S3 shapes for
 * a function that calls four S3 commands. With literal keys (the same
 * objects) unused schemas are dead code like any other.
 */
export const literalSchemaKeys: Plugin = {
  name: 'literal-schema-keys',
  setup(build) {
    build.onLoad({ filter: SCHEMA_FILE }, (args) => ({ contents: literalKeys(readFileSync(args.path, 'utf8')), loader: 'js' }));
  },
};
