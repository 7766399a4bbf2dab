/**
 * The iframe variant's `feed` parameter as an absolute URL when it names a
 * feed of this site (same origin, under /feeds/), else undefined: the page
 * must not become an open renderer of anyone's feed.
 */
export function feedOfThisSite(param: string | null, here: Pick<URL, 'href' | 'origin'>): string | undefined {
  if (!param) return undefined;
  try {
    const url = new URL(param, here.href);
    return url.origin === here.origin && url.pathname.startsWith('/feeds/') ? url.href : undefined;
  } catch {
    return undefined;
  }
}
