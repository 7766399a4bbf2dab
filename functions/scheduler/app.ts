import type { HeraldLogger } from '../../shared/logger';
import type { DueReport } from '../../shared/services/schedule-service';

/**
 * The due-item job: publishes what is due at `now` and logs what it did. It only
 * writes DynamoDB; the stream publisher renders the feeds. The Lambda handler and
 * the local runtime's timer both run it.
 */
export function makeSchedulerApp(deps: { schedule: { publishDue(now: Date): Promise<DueReport> }; logger: HeraldLogger }) {
  return async function publishDue(now: Date): Promise<DueReport> {
    const report = await deps.schedule.publishDue(now);
    if (report.published.length || report.skipped.length) deps.logger.info('due items', report);
    return report;
  };
}
