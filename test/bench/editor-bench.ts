import { buildEditor, editorBreakdown, firstScreenGzipBytes } from '../../web/build';
import type { Row } from './stats';

/** The budget for the editor's first screen: JavaScript, gzipped (issue 11). */
export const FIRST_SCREEN_BUDGET = 150 * 1024;

/**
 * The editor's first-screen JavaScript, gzipped, against the fixed 150 KB
 * budget; the measured cell also says how much of the minified bundle is
 * zod (the API's schemas shared with the form) and Preact.
 */
export async function editorBench(): Promise<Row> {
  const files = await buildEditor();
  const bytes = firstScreenGzipBytes(files);
  const parts = await editorBreakdown();
  const total = Object.values(parts).reduce((a, b) => a + b, 0);
  const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
  const share = (pkg: string) => `${pkg} ${kb(parts[pkg] ?? 0)}`;
  return {
    benchmark: 'editor first-screen JavaScript, gzipped',
    measured: `${kb(bytes)} (minified ${kb(total)}: ${share('zod')}, ${share('preact')}, ${share('@simplewebauthn/browser')}, ${share('herald shared/')})`,
    limit: kb(FIRST_SCREEN_BUDGET),
    ratio: bytes / FIRST_SCREEN_BUDGET,
    target: '≤ 1.00x',
    met: bytes <= FIRST_SCREEN_BUDGET,
  };
}
