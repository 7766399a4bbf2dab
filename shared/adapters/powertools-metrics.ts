import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import type { HeraldMetrics } from '../metrics';

/** HeraldMetrics on Powertools Metrics; namespace and service come from POWERTOOLS_* variables. */
export function powertoolsMetrics(): HeraldMetrics {
  const metrics = new Metrics({ namespace: process.env.POWERTOOLS_METRICS_NAMESPACE ?? 'Herald' });
  return {
    count: (name, value) => metrics.addMetric(name, MetricUnit.Count, value),
    flush: () => metrics.publishStoredMetrics(),
  };
}
