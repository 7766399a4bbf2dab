import { makeScheduleService } from '../../shared/services/schedule-service';
import { wire } from '../../shared/wiring';

/**
 * Lambda entry for the due-item job, run every minute by an EventBridge
 * schedule. It only writes DynamoDB; the stream publisher renders the feeds.
 */
const herald = wire();
const schedule = makeScheduleService({ store: herald.store });

export async function handler(): Promise<{ published: string[]; skipped: string[] }> {
  const report = await schedule.publishDue(new Date());
  if (report.published.length || report.skipped.length) herald.logger.info('due items', report);
  return report;
}
