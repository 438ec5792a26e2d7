import type { ProbeResult, WindowReport } from '@vigie/core/monitor';
import type { CounterChild, MetricsRegistry } from '../metrics/prometheus.js';

type Series = ReadonlyArray<readonly [readonly string[], number]>;

export interface MonitorMetrics {
  probeResult(result: ProbeResult): void;
  probeSkipped(probe: string): void;
  alertSent(rule: string, status: 'firing' | 'resolved', delivered: boolean): void;
}

/**
 * The monitors' gauges and counters on the gateway's /metrics: drift per feature and of the
 * predictions, missing rates, out-of-range and new-category rows in the current window (read from
 * the latest evaluation), probe outcomes and alerts.
 */
export function registerMonitorMetrics(
  registry: MetricsRegistry,
  reports: () => ReadonlyMap<string, WindowReport>,
  firing: () => number,
): MonitorMetrics {
  const perFeature = (pick: (r: WindowReport, f: WindowReport['features'][number]) => number): Series => {
    const out: Array<[string[], number]> = [];
    for (const [model, r] of reports()) for (const f of r.features) out.push([[model, f.name], pick(r, f)]);
    return out;
  };
  registry.gauge(
    'vigie_monitor_window_rows',
    'Predictions in the current monitoring window (probes excluded).',
    ['model'],
    () => [...reports()].map(([m, r]) => [[m], r.rows] as const),
  );
  registry.gauge(
    'vigie_monitor_drift_statistic',
    'Input drift per feature against the training profile: the decisive statistic (p-value for ks/chisquare, distance otherwise).',
    ['model', 'feature', 'method'],
    () =>
      [...reports()].flatMap(([m, r]) =>
        r.inputDrift.columns.map(
          (c) => [[m, c.name, c.method], c.pvalueAdjusted ?? c.statistic ?? Number.NaN] as const,
        ),
      ),
  );
  registry.gauge(
    'vigie_monitor_drift_detected',
    'Input drift per feature: 1 drift, 0 none, NaN not decided (too few rows).',
    ['model', 'feature'],
    () =>
      [...reports()].flatMap(([m, r]) =>
        r.inputDrift.columns.map(
          (c) => [[m, c.name], c.drift === null ? Number.NaN : c.drift ? 1 : 0] as const,
        ),
      ),
  );
  registry.gauge(
    'vigie_monitor_prediction_drift_statistic',
    'Prediction drift against the training label: the decisive statistic.',
    ['model', 'method'],
    () =>
      [...reports()].flatMap(([m, r]) =>
        (r.predictionDrift?.columns ?? []).map(
          (c) => [[m, c.method], c.pvalueAdjusted ?? c.statistic ?? Number.NaN] as const,
        ),
      ),
  );
  registry.gauge(
    'vigie_monitor_prediction_drift_detected',
    'Prediction drift: 1 drift, 0 none, NaN not decided.',
    ['model'],
    () =>
      [...reports()].flatMap(([m, r]) =>
        (r.predictionDrift?.columns ?? []).map(
          (c) => [[m], c.drift === null ? Number.NaN : c.drift ? 1 : 0] as const,
        ),
      ),
  );
  registry.gauge(
    'vigie_monitor_missing_rate',
    'Share of rows missing the feature in the window.',
    ['model', 'feature'],
    () => perFeature((_, f) => f.missingRate ?? Number.NaN),
  );
  registry.gauge(
    'vigie_monitor_out_of_range_rows',
    'Rows in the window with a numeric feature outside the training [min, max].',
    ['model', 'feature'],
    () => perFeature((_, f) => f.outOfRange),
  );
  registry.gauge(
    'vigie_monitor_new_category_rows',
    'Rows in the window with a category not seen in training.',
    ['model', 'feature'],
    () => perFeature((_, f) => f.newCategoryRows),
  );
  const runs = registry.counter(
    'vigie_probe_runs_total',
    'Probe runs by outcome: pass, wrong-answer, error, timeout.',
    ['probe', 'model', 'outcome'],
  );
  const skipped = registry.counter(
    'vigie_probe_skipped_total',
    'Probe runs skipped because the rate budget was spent.',
    ['probe'],
  );
  const last = new Map<string, ProbeResult>();
  registry.gauge(
    'vigie_probe_up',
    'Whether the last run of the probe passed (1) or not (0).',
    ['probe', 'model'],
    () => [...last.values()].map((r) => [[r.name, r.model], r.ok ? 1 : 0] as const),
  );
  registry.gauge(
    'vigie_probe_latency_seconds',
    'Latency of the last run of the probe.',
    ['probe', 'model'],
    () => [...last.values()].map((r) => [[r.name, r.model], r.latencyMs / 1000] as const),
  );
  const alerts = registry.counter(
    'vigie_alerts_total',
    'Alert notifications by rule and status (firing, resolved).',
    ['rule', 'status'],
  );
  const failures = registry.counter(
    'vigie_alert_delivery_failures_total',
    'Alert notifications the webhook did not accept.',
    ['rule'],
  );
  registry.gauge('vigie_alerts_firing', 'Rule and subject pairs currently firing.', [], firing);
  const children = new Map<string, CounterChild>();
  const child = (key: string, make: () => CounterChild) => {
    let c = children.get(key);
    if (!c) children.set(key, (c = make()));
    return c;
  };
  return {
    probeResult(result) {
      last.set(result.name, result);
      child(`r\u0000${result.name}\u0000${result.outcome}`, () =>
        runs.labels(result.name, result.model, result.outcome),
      ).inc();
    },
    probeSkipped(probe) {
      child(`s\u0000${probe}`, () => skipped.labels(probe)).inc();
    },
    alertSent(rule, status, delivered) {
      child(`a\u0000${rule}\u0000${status}`, () => alerts.labels(rule, status)).inc();
      if (!delivered) child(`f\u0000${rule}`, () => failures.labels(rule)).inc();
    },
  };
}
