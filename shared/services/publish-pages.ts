import type { Announcement } from '../domain/announcement';
import { isPublic } from '../domain/feeds';
import type { SiteInfo } from '../render/feed-context';
import { pageKeyOf, renderPage } from '../render/page';
import type { Change, Run } from './publish-run';
import type { SiteWindow } from './publish-translations';

/**
 * The pages step: every changed announcement and the rest of its translation
 * set (or the whole site window on a rebuild) is rendered from current state;
 * a page whose announcement is no longer public, or has moved, is deleted.
 */
export async function writePages(
  run: Run,
  deps: { site: SiteInfo },
  input: { changes: Change[]; siblings: Announcement[]; site: SiteWindow; allPages: boolean },
): Promise<void> {
  const byId = new Map(input.site.window.map((a) => [a.id, a]));
  const ids = new Set(input.allPages ? byId.keys() : []);
  for (const c of input.changes) {
    const a = c.after ?? c.before;
    if (a) ids.add(a.id);
  }
  for (const a of input.siblings) ids.add(a.id);
  const gone = new Set<string>();
  for (const c of input.changes) {
    const now = c.after && isPublic(c.after) ? c.after : undefined;
    if (c.before && isPublic(c.before) && (!now || pageKeyOf(c.before) !== pageKeyOf(now))) gone.add(pageKeyOf(c.before));
  }
  await Promise.all(
    [...ids].map(async (id) => {
      const current = byId.get(id) ?? (await run.get(id));
      if (!current || !isPublic(current)) return;
      gone.delete(pageKeyOf(current));
      await run.put(renderPage(deps.site, current, input.site.sets.get(id) ?? []), run.report);
    }),
  );
  for (const key of gone) {
    await run.remove(key);
    run.report.deleted.push(key);
  }
}
