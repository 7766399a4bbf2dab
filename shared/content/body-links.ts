import sanitizeHtml from 'sanitize-html';
import { xmlSafe } from '../domain/text';
import { ALLOWED } from './sanitize';

/**
 * A body's links and images as they may be syndicated: a relative URL
 * (`<img src="x">`, `<a href="../y">`) is resolved against the page the body
 * belongs to, since a feed reader has no base to resolve it against (the W3C
 * feed validator flags relative URLs in content:encoded). An http URL is kept
 * only when `allowHttp`; a link that cannot be kept loses its href (its text
 * stays), an image that cannot be kept is dropped. Passes the same allowlist
 * as the stored body, so it also re-sanitises.
 */
export function absoluteBodyLinks(html: string, pageUrl: string, allowHttp: boolean): string {
  const resolve = (raw: string | undefined): string | undefined => {
    // Protocol-relative URLs stay refused, as in the stored body's allowlist.
    if (raw === undefined || raw.trim() === '' || /^[\\/]{2}/.test(raw.trim())) return undefined;
    let url: URL;
    try {
      url = new URL(raw.trim(), pageUrl);
    } catch {
      return undefined;
    }
    if (url.protocol === 'https:' || (allowHttp && url.protocol === 'http:')) return url.href;
    return url.protocol === 'mailto:' ? raw.trim() : undefined;
  };
  const rewrite = (attr: 'href' | 'src') => (tagName: string, attribs: sanitizeHtml.Attributes) => {
    const url = resolve(attribs[attr]);
    // Rebuilt in the same order, so an unchanged body keeps its bytes.
    const kept = Object.entries(attribs).flatMap(([k, v]): [string, string][] => (k !== attr ? [[k, v]] : url === undefined ? [] : [[k, url]]));
    return { tagName, attribs: Object.fromEntries(kept) };
  };
  return xmlSafe(
    sanitizeHtml(html, {
      ...ALLOWED,
      transformTags: { ...ALLOWED.transformTags, a: rewrite('href'), img: rewrite('src') },
      exclusiveFilter: (frame) => frame.tag === 'img' && !frame.attribs.src,
    }),
  ).trim();
}
