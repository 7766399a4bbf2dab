import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { directoryIndexCode } from './edge-code';

const PLACEHOLDER = "var SITE_URL = '';";
/** The KeyValueStore helper module; CloudFront wants it on the first lines. */
export const KVS_IMPORT = "import cf from 'cloudfront';";

/**
 * The default behaviour's viewer-request function: the redirect lookup
 * (infra/edge/redirects.js, SITE_URL filled in) in front of the directory
 * index, whose handler is renamed `directoryIndex`: CloudFront allows one
 * viewer-request function per behaviour. Read at synth; the test runs the same string.
 */
export function redirectsFunctionCode(siteUrl: string): string {
  const source = readFileSync(fileURLToPath(new URL('./redirects.js', import.meta.url)), 'utf8');
  if (!source.includes(PLACEHOLDER)) throw new Error('infra/edge/redirects.js lost its SITE_URL placeholder');
  const index = directoryIndexCode();
  if (!index.includes('function handler(event)')) throw new Error('infra/edge/directory-index.js lost its handler');
  return [
    KVS_IMPORT,
    source.replace(PLACEHOLDER, `var SITE_URL = ${JSON.stringify(siteUrl)};`),
    index.replace('function handler(event)', 'function directoryIndex(event)'),
  ].join('\n');
}
