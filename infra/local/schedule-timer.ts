import type { HeraldLogger } from '../../shared/logger';
import type { ScheduleTrigger } from '../function-declaration';

/** Milliseconds from `now` to the next `hour:minute` UTC (a full day when it is that minute now). */
export function msUntilDaily(now: Date, at: { hour: number; minute: number }): number {
  const next = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate(), at.hour, at.minute));
  if (next.getTime() <= now.getTime()) next.setUTCDate(next.getUTCDate() + 1);
  return next.getTime() - now.getTime();
}

/**
 * Locally, the role of an EventBridge schedule rule: runs a function's schedule
 * handler every n minutes (at start too, so due items do not wait), or daily at
 * a UTC time; never two runs at once. Returns a stop function that waits for a
 * run in progress.
 */
export function startScheduleTimer(deps: {
  name: string;
  every: ScheduleTrigger['every'];
  run: (now: Date) => Promise<unknown>;
  logger: HeraldLogger;
  /** Replaces a rate schedule's interval (the local default runs the due-item job every few seconds). */
  rateMs?: number;
  clock?: () => Date;
}): () => Promise<void> {
  const clock = deps.clock ?? (() => new Date());
  let running: Promise<void> | undefined;
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  const tick = () => {
    if (running) return;
    running = deps
      .run(clock())
      .then(() => undefined)
      .catch((err: unknown) => deps.logger.error(`${deps.name} failed`, { error: err instanceof Error ? err.message : String(err) }))
      .finally(() => (running = undefined));
  };
  const every = deps.every;
  if ('minutes' in every) {
    tick();
    timer = setInterval(tick, deps.rateMs ?? every.minutes * 60_000);
  } else {
    const arm = () => {
      if (stopped) return;
      timer = setTimeout(() => (tick(), arm()), msUntilDaily(clock(), every.dailyAtUtc));
    };
    arm();
  }
  return async () => {
    stopped = true;
    clearInterval(timer);
    clearTimeout(timer);
    await running;
  };
}
