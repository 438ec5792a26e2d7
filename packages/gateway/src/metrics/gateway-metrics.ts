import type { PredictionRole } from '@vigie/core/monitor';
import type { CounterChild, HistogramChild, MetricsRegistry } from './prometheus.js';
import { LATENCY_BUCKETS } from './prometheus.js';

/** How a shadow mirror ended (the `outcome` label of vigie_gateway_shadow_mirrors_total). */
export type MirrorOutcome =
  | 'sent'
  | 'answered'
  | 'dropped_queue_full'
  | 'dropped_circuit_open'
  | 'dropped_closing'
  | 'failed'
  | 'timed_out'
  | 'invalid_output';

/** The children the hot path keeps per (route, model version, role). */
export interface AnswerMetrics {
  readonly requests: CounterChild;
  readonly predictions: CounterChild;
  readonly latency: HistogramChild;
  readonly invalidOutputs: CounterChild;
}

export interface GatewayMetrics {
  answer(route: string, version: string, role: PredictionRole): AnswerMetrics;
  mirror(route: string, version: string, outcome: MirrorOutcome): CounterChild;
  error(code: string): CounterChild;
  readonly probes: (route: string) => CounterChild;
  /** Requests the candidate's share would have taken, answered by the primary while its circuit is open. */
  candidateFallbacks(route: string, version: string): CounterChild;
  readonly observerErrors: CounterChild;
  readonly logAppendFailures: CounterChild;
}

/** Registers the data plane's own metrics (requests, latency, errors, mirrors) on `registry`. */
export function createGatewayMetrics(registry: MetricsRegistry): GatewayMetrics {
  const requests = registry.counter(
    'vigie_gateway_requests_total',
    'Predict requests answered with 200, per route, model version and role (probes excluded).',
    ['model', 'version', 'role'],
  );
  const predictions = registry.counter(
    'vigie_gateway_predictions_total',
    'Rows predicted, per route, model version and role (probes excluded).',
    ['model', 'version', 'role'],
  );
  const latency = registry.histogram(
    'vigie_gateway_request_duration_seconds',
    'Primary and candidate: from the request to its answer; shadow: the mirrored call (probes excluded).',
    ['model', 'version', 'role'],
    LATENCY_BUCKETS,
  );
  const invalid = registry.counter(
    'vigie_gateway_invalid_outputs_total',
    'Model answers that failed output validation and were never returned.',
    ['model', 'version', 'role'],
  );
  const errors = registry.counter(
    'vigie_gateway_errors_total',
    'Requests answered with an error, by error code.',
    ['code'],
  );
  const mirrors = registry.counter(
    'vigie_gateway_shadow_mirrors_total',
    'Shadow mirrors by outcome: sent, answered, dropped_queue_full, dropped_circuit_open, dropped_closing, failed, timed_out, invalid_output.',
    ['model', 'version', 'outcome'],
  );
  const probes = registry.counter(
    'vigie_gateway_probe_requests_total',
    'Probe requests (x-vigie-probe: 1), kept out of the user metrics.',
    ['model'],
  );
  const fallbacks = registry.counter(
    'vigie_gateway_candidate_fallbacks_total',
    "Requests of the candidate's share answered by the primary because the candidate's circuit was open.",
    ['model', 'version'],
  );
  const observerErrors = registry.counter(
    'vigie_gateway_observer_errors_total',
    'Exceptions thrown by prediction observers (the answer is unaffected).',
  );
  const logAppendFailures = registry.counter(
    'vigie_gateway_log_append_failures_total',
    'Appends to the prediction log that failed after the answer was sent (ack "received").',
  );
  const answers = new Map<string, AnswerMetrics>();
  return {
    answer(route, version, role) {
      const key = `${route}\u0000${version}\u0000${role}`;
      let m = answers.get(key);
      if (!m) {
        m = {
          requests: requests.labels(route, version, role),
          predictions: predictions.labels(route, version, role),
          latency: latency.labels(route, version, role),
          invalidOutputs: invalid.labels(route, version, role),
        };
        answers.set(key, m);
      }
      return m;
    },
    mirror: (route, version, outcome) => mirrors.labels(route, version, outcome),
    error: (code) => errors.labels(code),
    probes: (route) => probes.labels(route),
    candidateFallbacks: (route, version) => fallbacks.labels(route, version),
    observerErrors: observerErrors.labels(),
    logAppendFailures: logAppendFailures.labels(),
  };
}
