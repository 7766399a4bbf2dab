import { wireScheduler } from '../../shared/wiring/scheduler';

/**
 * Lambda entry for the due-item job, run every minute by an EventBridge
 * schedule. It only writes DynamoDB; the stream publisher renders the feeds.
 */
const { schedule, logger } = wireScheduler();

export async function handler(): Promise<{ published: string[]; skipped: string[] }> {
  const report = await schedule.publishDue(new Date());
  if (report.published.length || report.skipped.length) logger.info('due items', report);
  return report;
}
