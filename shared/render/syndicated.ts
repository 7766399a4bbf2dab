import { absoluteBodyLinks } from '../content/body-links';
import type { Announcement } from '../domain/announcement';
import { canonicalAllowed, schemeAllowed } from '../domain/link-policy';
import { linkPolicyOf, pageUrlOf, type SiteInfo } from './feed-context';

const cache = new WeakMap<Announcement, { key: string; value: Announcement }>();

/**
 * Bodies already rewritten, by policy, page and stored HTML: the publisher
 * reads the same item once per feed it is in (distinct objects), and a warm
 * Lambda sees it again on the next change. Bounded; cleared when full.
 */
const bodies = new Map<string, string>();

function bodyFor(html: string, pageUrl: string, allowHttp: boolean): string {
  if (!html) return html;
  const key = `${allowHttp ? 1 : 0}${pageUrl}\n${html}`;
  let body = bodies.get(key);
  if (body === undefined) {
    body = absoluteBodyLinks(html, pageUrl, allowHttp);
    if (bodies.size >= 500) bodies.clear();
    bodies.set(key, body);
  }
  return body;
}

/**
 * An announcement as feeds and pages may show it under the site's link
 * policy: body links made absolute against its page (or dropped), images,
 * files, author and online links with a refused scheme left out, and a
 * canonical URL on an unlisted host ignored. The admin API refuses such
 * links on write; this covers what was stored before the policy (or under a
 * looser one). Pure; computed once per item and policy, since every format
 * and the page ask for the same item.
 */
export function syndicated(site: Pick<SiteInfo, 'siteUrl' | 'links'>, a: Announcement): Announcement {
  const policy = linkPolicyOf(site);
  const key = `${site.siteUrl}\n${policy.allowHttp}\n${policy.canonicalHosts.join(',')}`;
  const hit = cache.get(a);
  if (hit?.key === key) return hit.value;
  const ok = (url: string) => schemeAllowed(url, policy);
  const { canonicalUrl, event, ...rest } = a;
  const value: Announcement = {
    ...rest,
    ...(canonicalUrl !== undefined && canonicalAllowed(canonicalUrl, policy) ? { canonicalUrl } : {}),
    ...(event ? { event: withoutBadOnlineUrl(event, ok) } : {}),
    bodyHtml: bodyFor(a.bodyHtml, pageUrlOf(site.siteUrl, a), policy.allowHttp),
    images: a.images.filter((i) => ok(i.url)),
    attachments: a.attachments.filter((f) => ok(f.url)),
    authors: a.authors.map(({ url, ...p }) => (url !== undefined && ok(url) ? { ...p, url } : p)),
  };
  cache.set(a, { key, value });
  return value;
}

function withoutBadOnlineUrl<E extends { onlineUrl?: string }>(event: E, ok: (url: string) => boolean): E {
  if (event.onlineUrl === undefined || ok(event.onlineUrl)) return event;
  const { onlineUrl: _dropped, ...rest } = event;
  return rest as E;
}
