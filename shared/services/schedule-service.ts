import type { Announcement } from '../domain/announcement';
import { VersionConflict, type AnnouncementStore } from '../ports/announcement-store';
import { auditOf } from '../domain/audit';

/** Who the audit log names for a publication the schedule made. */
export const SCHEDULER = 'scheduler';

/** What one run of the due-item job did. */
export type DueReport = { published: string[]; skipped: string[] };

const PAGE = 100;
const MAX_ROUNDS = 20;

/**
 * The due-item job: every scheduled announcement whose publishAt has come
 * becomes published. It runs every minute (EventBridge in the cloud, a timer
 * locally) and is safe to run twice at once: each publication is a
 * conditional write on the version it read, so a concurrent run or an
 * editor's edit simply wins and this run skips the item.
 */
export function makeScheduleService(deps: { store: AnnouncementStore }) {
  async function publishOne(id: string, now: string, report: DueReport): Promise<void> {
    const prev = await deps.store.get(id);
    // The index is eventually consistent: re-check against the item itself.
    if (!prev || prev.status !== 'scheduled' || !prev.publishAt || prev.publishAt > now) {
      report.skipped.push(id);
      return;
    }
    // Going public on schedule is news, even for an item an import brought in: the import mark stays behind.
    const { publishAt: _done, imported: _quiet, ...rest } = prev;
    const next: Announcement = {
      ...rest,
      status: 'published',
      publishedAt: prev.publishedAt ?? now,
      updatedAt: now,
      version: prev.version + 1,
      updatedBy: SCHEDULER,
    };
    try {
      await deps.store.replace(next, prev, auditOf('publish', prev, next));
      report.published.push(id);
    } catch (err) {
      if (!(err instanceof VersionConflict)) throw err;
      report.skipped.push(id);
    }
  }

  return {
    /** Publishes everything due at `now`: one GSI Query per page of due items, never a Scan. */
    async publishDue(now: Date): Promise<DueReport> {
      const at = now.toISOString();
      const report: DueReport = { published: [], skipped: [] };
      const seen = new Set<string>();
      for (let round = 0; round < MAX_ROUNDS; round++) {
        const fresh = (await deps.store.dueIds(at, PAGE)).filter((id) => !seen.has(id));
        if (fresh.length === 0) break;
        fresh.forEach((id) => seen.add(id));
        await Promise.all(fresh.map((id) => publishOne(id, at, report)));
      }
      report.published.sort();
      report.skipped.sort();
      return report;
    },
  };
}
export type ScheduleService = ReturnType<typeof makeScheduleService>;
