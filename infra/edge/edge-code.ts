import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { CORS_PATH_PREFIXES, preflightHeaderFields } from '../../shared/http/cors';

const PLACEHOLDER = 'var PREFLIGHT = { prefixes: [], headers: {} };';

/**
 * The directory-index CloudFront Function's code with its preflight answer
 * filled in from shared/http/cors.ts, so the edge answers OPTIONS with the same
 * headers as `npm start`. Read at synth; the test evaluates the same string.
 */
export function directoryIndexCode(): string {
  const source = readFileSync(fileURLToPath(new URL('./directory-index.js', import.meta.url)), 'utf8');
  if (!source.includes(PLACEHOLDER)) throw new Error('infra/edge/directory-index.js lost its PREFLIGHT placeholder');
  const headers = Object.fromEntries(Object.entries(preflightHeaderFields()).map(([name, value]) => [name, { value }]));
  return source.replace(PLACEHOLDER, `var PREFLIGHT = ${JSON.stringify({ prefixes: CORS_PATH_PREFIXES, headers })};`);
}
