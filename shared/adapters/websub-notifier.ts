import type { HeraldLogger } from '../logger';
import type { HeraldMetrics } from '../metrics';
import type { HubAnswer, HubNotifier } from '../ports/hub-notifier';

/**
 * WebSub publish pings (the hub.mode=publish convention most hubs accept):
 * one form POST per hub per changed feed, retried with exponential backoff
 * on network errors, timeouts and 5xx/429, bounded in attempts and time so a
 * publish is never held up for long and never fails. Every outcome is logged.
 */
export function makeWebSubNotifier(deps: {
  hubs: string[];
  logger: HeraldLogger;
  /** Counts HubPingsFailed, one per hub and topic given up on. */
  metrics?: HeraldMetrics;
  fetch?: typeof fetch;
  attempts?: number;
  baseDelayMs?: number;
  timeoutMs?: number;
}): HubNotifier {
  const send = deps.fetch ?? fetch;
  const attempts = deps.attempts ?? 3;
  const baseDelay = deps.baseDelayMs ?? 250;
  const timeout = deps.timeoutMs ?? 3000;

  async function ping(hub: string, topic: string): Promise<HubAnswer> {
    let last = '';
    for (let attempt = 1; attempt <= attempts; attempt++) {
      try {
        const res = await send(hub, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams({ 'hub.mode': 'publish', 'hub.url': topic }).toString(),
          signal: AbortSignal.timeout(timeout),
        });
        await res.arrayBuffer().catch(() => undefined);
        if (res.ok) {
          deps.logger.info('websub ping accepted', { hub, topic, status: res.status, attempt });
          return { hub, topic, outcome: 'accepted', attempts: attempt, detail: `HTTP ${res.status}` };
        }
        last = `HTTP ${res.status}`;
        if (res.status < 500 && res.status !== 429) {
          // The hub refused; retrying will not help.
          deps.logger.warn('websub ping failed', { hub, topic, error: last });
          deps.metrics?.count('HubPingsFailed', 1);
          return { hub, topic, outcome: 'refused', attempts: attempt, detail: last };
        }
      } catch (err) {
        last = err instanceof Error ? err.message : String(err);
      }
      if (attempt < attempts) await new Promise((r) => setTimeout(r, baseDelay * 2 ** (attempt - 1)));
    }
    deps.logger.warn('websub ping failed', { hub, topic, error: last });
    deps.metrics?.count('HubPingsFailed', 1);
    return { hub, topic, outcome: 'failed', attempts, detail: last };
  }

  return async (topics) => {
    if (deps.hubs.length === 0 || topics.length === 0) return [];
    const settled = await Promise.allSettled(deps.hubs.flatMap((hub) => topics.map((topic) => ping(hub, topic))));
    return settled.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
  };
}
