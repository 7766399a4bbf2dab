/**
 * `path` without its trailing slashes, in linear time. `replace(/\/+$/, '')` is
 * quadratic on many slashes followed by another character (the regex retries the
 * run of slashes from every position), which a hostile request path can exploit.
 */
export function trimTrailingSlashes(path: string): string {
  let end = path.length;
  while (end > 0 && path.charCodeAt(end - 1) === 0x2f) end--;
  return end === path.length ? path : path.slice(0, end);
}
