/**
 * The counters Herald reports. In Lambda they go to CloudWatch through
 * Powertools Metrics (embedded metric format); tests pass a recorder; the
 * local runtime turns them off.
 */
export type MetricName =
  | 'AnnouncementsPublished'
  | 'FeedsWritten'
  | 'WritesSkippedUnchanged'
  | 'HubPingsFailed'
  | 'FeedDrift'
  /** Recorded batches of imports that a deferred step rendered. */
  | 'DeferredBatchesRendered';

export type HeraldMetrics = {
  count(name: MetricName, value: number): void;
  /** Sends what was counted; called once at the end of an invocation. */
  flush(): void;
};

/** For code paths that report nothing, such as the local runtime's start-up rebuild. */
export const noMetrics: HeraldMetrics = { count: () => undefined, flush: () => undefined };
