import type { ErrorDetail } from './errors';

/**
 * Which links Herald writes into feeds and pages: https only unless a run
 * allows http (the local runtime, whose own SITE_URL is http://localhost),
 * and a canonical URL only on a host the site owner listed (the site's own
 * host by default), so a token holder cannot point readers' "original"
 * link at someone else's site.
 */
export type LinkPolicy = { allowHttp: boolean; canonicalHosts: readonly string[] };

/** The host (with a port, when it has one) of an absolute URL, lowercased; undefined when it is not one. */
export function hostOf(url: string): string | undefined {
  try {
    return new URL(url).host.toLowerCase() || undefined;
  } catch {
    return undefined;
  }
}

/** The policy when nothing is configured: https only, canonical URLs on the site's own host. */
export function defaultLinkPolicy(siteUrl: string): LinkPolicy {
  const host = hostOf(siteUrl);
  return { allowHttp: false, canonicalHosts: host ? [host] : [] };
}

/** True for an absolute https URL, or http when the policy allows it. */
export function schemeAllowed(url: string, policy: Pick<LinkPolicy, 'allowHttp'>): boolean {
  try {
    const { protocol } = new URL(url);
    return protocol === 'https:' || (policy.allowHttp && protocol === 'http:');
  } catch {
    return false;
  }
}

/** True when a canonical URL may be written: an allowed scheme on a listed host. */
export function canonicalAllowed(url: string, policy: LinkPolicy): boolean {
  const host = hostOf(url);
  return schemeAllowed(url, policy) && host !== undefined && policy.canonicalHosts.includes(host);
}

type Linked = {
  canonicalUrl?: string;
  images: { url: string }[];
  attachments: { url: string }[];
  authors: { url?: string }[];
  event?: { onlineUrl?: string };
};

/** Every link of an announcement's input the policy refuses, as error details naming the field. */
export function linkProblems(input: Linked, policy: LinkPolicy): ErrorDetail[] {
  const scheme = policy.allowHttp ? 'must be an http(s) URL' : 'must be an https URL';
  const problems: ErrorDetail[] = [];
  const check = (path: string, url: string | undefined) => {
    if (url !== undefined && !schemeAllowed(url, policy)) problems.push({ path, message: scheme });
  };
  if (input.canonicalUrl !== undefined && !canonicalAllowed(input.canonicalUrl, policy)) {
    problems.push({
      path: 'canonicalUrl',
      message: schemeAllowed(input.canonicalUrl, policy)
        ? `must be on one of this site's canonical hosts (${policy.canonicalHosts.join(', ')})`
        : scheme,
    });
  }
  input.images.forEach((image, i) => check(`images.${i}.url`, image.url));
  input.attachments.forEach((file, i) => check(`attachments.${i}.url`, file.url));
  input.authors.forEach((author, i) => check(`authors.${i}.url`, author.url));
  check('event.onlineUrl', input.event?.onlineUrl);
  return problems;
}
