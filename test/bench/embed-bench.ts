import { buildEmbed, EMBED_BUDGET, embedGzipBytes } from '../../embed/build';
import type { Row } from './stats';

/**
 * The news box's module (/embed/herald-news.js), gzipped, against the fixed
 * 8 KB budget of issue 15; the measured cell also gives its minified size.
 */
export function embedBench(): Row {
  const files = buildEmbed();
  const bytes = embedGzipBytes(files);
  const minified = files.find((f) => f.path === 'herald-news.js')!.bytes.length;
  const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
  return {
    benchmark: 'news box module (embed/herald-news.js), gzipped',
    measured: `${kb(bytes)} (minified ${kb(minified)}, no runtime dependencies)`,
    limit: kb(EMBED_BUDGET),
    ratio: bytes / EMBED_BUDGET,
    target: '≤ 1.00x',
    met: bytes <= EMBED_BUDGET,
  };
}
