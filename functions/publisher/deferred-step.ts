import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import type { HeraldLogger } from '../../shared/logger';
import { noMetrics, type HeraldMetrics } from '../../shared/metrics';
import type { DeferredRender } from '../../shared/services/deferred-render';

/** Time kept in hand before the function's timeout: far more than one step takes. */
const STOP_MARGIN_MS = 30_000;

/**
 * The deferred-render queue's consumer (in the publisher function). A
 * message only says "imports were recorded": each step renders whatever is
 * recorded, so one message may serve many batches and a later one finds
 * nothing. Steps run until nothing is left or time runs short, then one
 * message asks for the rest. A failure returns every message to the queue
 * (the records stay in the table), and after maxReceiveCount the DLQ; the
 * next import's message, or the nightly rebuild, renders what was left.
 */
export function makeDeferredStepApp(deps: { deferred: Pick<DeferredRender, 'step'>; signal: () => Promise<void>; logger: HeraldLogger; metrics?: HeraldMetrics }) {
  const metrics = deps.metrics ?? noMetrics;
  return async function handle(event: SQSEvent, remainingMs?: () => number): Promise<SQSBatchResponse> {
    try {
      let more = true;
      let rendered = 0;
      while (more) {
        const step = await deps.deferred.step();
        rendered += step.batches;
        more = step.more;
        metrics.count('FeedsWritten', step.report.written.length);
        if (step.batches) deps.logger.info('deferred renders published', { batches: step.batches, written: step.report.written.length, unchanged: step.report.unchanged.length, more });
        if (more && (remainingMs?.() ?? Number.POSITIVE_INFINITY) < STOP_MARGIN_MS) {
          await deps.signal();
          break;
        }
      }
      metrics.count('DeferredBatchesRendered', rendered);
      return { batchItemFailures: [] };
    } catch (err) {
      deps.logger.error('deferred render failed', { error: err instanceof Error ? err.message : String(err) });
      return { batchItemFailures: event.Records.map((r) => ({ itemIdentifier: r.messageId })) };
    } finally {
      metrics.flush();
    }
  };
}

/** The step's handler from the publisher's wiring; without a queue (nothing deferred) a message renders nothing. */
export function deferredQueueOf(wired: { deferred?: Pick<DeferredRender, 'step'>; signal?: () => Promise<void>; logger: HeraldLogger; metrics?: HeraldMetrics }) {
  const { deferred, signal } = wired;
  if (!deferred || !signal) return async (): Promise<SQSBatchResponse> => ({ batchItemFailures: [] });
  return makeDeferredStepApp({ deferred, signal, logger: wired.logger, metrics: wired.metrics });
}
