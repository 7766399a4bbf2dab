import type { Announcement } from '../domain/announcement';
import type { Alternate, SiteInfo } from './feed-context';
import { esc } from './html';
import { pageDocument } from './page-head';
import { renderPage } from './page';

const CHARSET = '<meta charset="utf-8">\n';

/**
 * What a review page adds to the permalink page's head: search engines must not
 * index it, and no request it makes may carry its URL (the token) as a referrer.
 */
export const REVIEW_META = '<meta name="robots" content="noindex">\n<meta name="referrer" content="no-referrer">\n';

/**
 * An unpublished announcement dated as its page will be once published: a
 * scheduled one by its publishAt (a draft keeps its updatedAt, which a
 * publish now would make its publishedAt).
 */
export function asPublished(a: Announcement): Announcement {
  return a.status === 'scheduled' && !a.publishedAt && a.publishAt ? { ...a, publishedAt: a.publishAt } : a;
}

/**
 * A draft or scheduled announcement exactly as its permalink page will be
 * (the publisher's own renderer and site settings, its translations as the
 * publisher resolves them: services/page-as-published.ts), plus REVIEW_META.
 * A scheduled one is dated by its publishAt, as it will be once published. Pure.
 */
export function renderReviewPage(site: SiteInfo, a: Announcement, alternates: Alternate[] = []): string {
  const html = renderPage(site, asPublished(a), alternates).body;
  const at = html.indexOf(CHARSET);
  if (at < 0) throw new Error('the page renderer no longer writes <meta charset="utf-8">');
  return html.slice(0, at + CHARSET.length) + REVIEW_META + html.slice(at + CHARSET.length);
}

/** The one answer for an unknown, revoked or expired link and a retracted announcement: it names none of them. */
export function renderReviewGone(site: SiteInfo): string {
  return pageDocument({
    lang: site.siteLanguage ?? 'en',
    title: `Review link not valid – ${site.siteTitle}`,
    head: [REVIEW_META.trim()],
    body: `<main>
<h1>This review link is not valid</h1>
<p>It may have expired or been revoked. Ask the editor who sent it for a new one.</p>
<p><a href="${esc(`${site.siteUrl}/`)}">${esc(site.siteTitle)}</a></p>
</main>`,
    site,
  });
}
