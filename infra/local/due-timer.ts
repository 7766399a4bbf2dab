import type { HeraldLogger } from '../../shared/logger';
import type { DueReport } from '../../shared/services/schedule-service';

/**
 * Locally, the role of the cloud's every-minute EventBridge rule: runs the
 * due-item job on a timer (never two runs at once) and returns a stop
 * function that waits for a run in progress.
 */
export function startDueTimer(deps: {
  publishDue: (now: Date) => Promise<DueReport>;
  logger: HeraldLogger;
  everyMs: number;
  clock?: () => Date;
}): () => Promise<void> {
  const clock = deps.clock ?? (() => new Date());
  let running: Promise<void> | undefined;
  const tick = () => {
    if (running) return;
    running = deps
      .publishDue(clock())
      .then((report) => {
        if (report.published.length) deps.logger.info('scheduled announcements published', report);
      })
      .catch((err: unknown) => deps.logger.error('due-item job failed', { error: err instanceof Error ? err.message : String(err) }))
      .finally(() => (running = undefined));
  };
  tick();
  const timer = setInterval(tick, deps.everyMs);
  return async () => {
    clearInterval(timer);
    await running;
  };
}
