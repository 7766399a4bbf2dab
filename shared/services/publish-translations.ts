import type { Announcement } from '../domain/announcement';
import { SITE_FEED, isPublic } from '../domain/feeds';
import type { Alternate, SiteInfo } from '../render/feed-context';
import { rootResolver, translationSets } from '../render/translations';
import type { Change, Run } from './publish-run';

/** The site window: what the home page shows, and whose translation sets pages and feeds link. */
export type SiteWindow = { window: Announcement[]; sets: Map<string, Alternate[]> };

/** Site-window announcements plus the roots of their sets, for hreflang links. */
export async function siteWindowOf(run: Pick<Run, 'latest' | 'get'>, site: Pick<SiteInfo, 'siteUrl' | 'links'>): Promise<SiteWindow> {
  return windowWithRoots(run, site, await run.latest(SITE_FEED));
}

/**
 * A window plus the roots of its sets that fell out of it (public ones only),
 * and each member's alternates: what the publisher and the pages rendered
 * "as they will be published" (page-as-published.ts) both link.
 */
export async function windowWithRoots(run: Pick<Run, 'get'>, site: Pick<SiteInfo, 'siteUrl' | 'links'>, window: Announcement[]): Promise<SiteWindow> {
  const have = new Set(window.map((a) => a.id));
  const roots = [...new Set(window.flatMap((a) => (a.translationOf && !have.has(a.translationOf) ? [a.translationOf] : [])))];
  const extra = (await Promise.all(roots.map((id) => run.get(id)))).filter((a): a is Announcement => isPublic(a));
  return { window: [...window, ...extra], sets: translationSets(site, [...window, ...extra]) };
}

/**
 * The announcements whose pages (and feed entries) show a changed
 * announcement's translation set: every member before and after the
 * change, so adding, editing or retracting a translation reaches the others.
 */
export function siblingsOf(changes: Change[], window: Announcement[]): Announcement[] {
  const changed = changes.flatMap((c) => [c.before, c.after].filter((a): a is Announcement => a !== undefined));
  const others = window.filter((a) => !changed.some((c) => c.id === a.id));
  const rootOf = rootResolver([...others, ...changed]);
  const roots = new Set(changed.map(rootOf));
  return window.filter((a) => roots.has(rootOf(a)));
}
