import type { Announcement } from '../domain/announcement';
import { permalinkOf, type Alternate, type SiteInfo } from './feed-context';

/**
 * Translation sets: an announcement names the one it translates
 * (`translationOf`); every announcement with the same root, and the root
 * itself, form a set. Given the announcements the publisher has at hand,
 * returns each one's alternates (the others in its set, one per language,
 * ordered by language). Pure.
 */
export function translationSets(site: string | Pick<SiteInfo, 'siteUrl' | 'links'>, items: Announcement[]): Map<string, Alternate[]> {
  const rootOf = rootResolver(items);
  const sets = new Map<string, Announcement[]>();
  for (const a of items) sets.set(rootOf(a), [...(sets.get(rootOf(a)) ?? []), a]);
  const out = new Map<string, Alternate[]>();
  for (const members of sets.values()) {
    if (members.length < 2) continue;
    for (const a of members) {
      const byLanguage = new Map<string, Alternate>();
      for (const t of members) {
        if (t.id === a.id || t.language === a.language || byLanguage.has(t.language)) continue;
        byLanguage.set(t.language, { id: t.id, ...(t.guid ? { guid: t.guid } : {}), language: t.language, title: t.title, url: permalinkOf(site, t) });
      }
      const alternates = [...byLanguage.values()].sort((x, y) => (x.language < y.language ? -1 : 1));
      if (alternates.length) out.set(a.id, alternates);
    }
  }
  return out;
}

/**
 * The root of an announcement's set: `translationOf` followed through the
 * given items, so a translation of a translation joins its root's set.
 */
export function rootResolver(items: Announcement[]): (a: Announcement) => string {
  const byId = new Map(items.map((a) => [a.id, a]));
  return (a) => {
    let root = a;
    for (let hops = 0; root.translationOf && hops < 10; hops++) {
      const next = byId.get(root.translationOf);
      if (!next) return root.translationOf;
      root = next;
    }
    return root.id;
  };
}
