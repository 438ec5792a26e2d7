import type { GatewayPredictionLog } from '../serving/prediction-log-port.js';
import type { MetricsRegistry } from './prometheus.js';

/** The prediction log's own health (written, dropped, failed, queued, lag) at each scrape. */
export function registerLogMetrics(registry: MetricsRegistry, log: GatewayPredictionLog): void {
  registry.gauge(
    'vigie_prediction_log_written_total',
    'Prediction records committed to the log.',
    [],
    () => log.health().written,
    'counter',
  );
  registry.gauge(
    'vigie_prediction_log_dropped_total',
    'Prediction records dropped because the log queue was full.',
    [],
    () => log.health().dropped,
    'counter',
  );
  registry.gauge(
    'vigie_prediction_log_failed_total',
    'Prediction records whose commit failed.',
    [],
    () => log.health().failed ?? 0,
    'counter',
  );
  registry.gauge(
    'vigie_prediction_log_queued',
    'Prediction records waiting to be committed.',
    [],
    () => log.health().queued,
  );
  registry.gauge(
    'vigie_prediction_log_lag_seconds',
    'Age of the oldest record waiting to be committed, in seconds.',
    [],
    () => log.health().lagMs / 1000,
  );
}
