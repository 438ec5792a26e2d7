import { isVigieError } from '../../errors/index.js';
import { encodeLabels, type Label, type LabelArray } from '../labels.js';
import { checkLengths, invalid } from '../validate.js';
import { type MetricIntervalOptions, metricInterval } from './metric-interval.js';
import { type Metric, type Rows, takeRows } from './rows.js';

/** A metric, or a metric with its options (e.g. { metric: f1Score, options: { average: 'macro' } }). */
// biome-ignore lint/suspicious/noExplicitAny: options differ per metric
export type MetricSpec = Metric | { metric: Metric; options?: Record<string, any> };

export interface SliceMetricsOptions {
  /** Slices with fewer rows are reported as too small and not scored. Default 30. */
  minRows?: number;
  /** When given, each metric also gets a bootstrap interval per slice (same options as metricInterval, same seed in every slice). */
  interval?: Omit<MetricIntervalOptions, 'metricOptions'>;
}

export interface SliceMetricValue {
  /** null when the metric is undefined on these rows (see `error`). */
  value: number | null;
  ci?: [number, number];
  /** Why the value is null, e.g. "only one class (0) in yTrue: ROC AUC is undefined". */
  error?: string;
}

export interface SliceReport {
  /** The slice value. */
  slice: Label;
  n: number;
  /** 'too-small': fewer than minRows rows, metrics not computed. */
  status: 'ok' | 'too-small';
  metrics: Record<string, SliceMetricValue>;
}

export interface SliceMetricsResult {
  overall: { n: number; metrics: Record<string, SliceMetricValue> };
  /** Every slice value, sorted, including the small ones. */
  slices: SliceReport[];
  minRows: number;
}

/**
 * Metrics per slice (e.g. per country or per device): rows are grouped by `sliceValues` (integers
 * or strings, one per row) and every metric is computed on each group, with its bootstrap interval
 * when `interval` is given. A slice below `minRows` rows is listed with its size and status
 * 'too-small', never dropped; a metric undefined on a slice (one class for ROC AUC) gets value
 * null and the reason, so one bad slice does not hide the others. The overall metrics are on all
 * rows. Slice values must be integers or strings (NaN is refused, INVALID_ARGUMENT), one per row.
 *
 * @example sliceMetrics({ accuracy: accuracyScore, f1: f1Score }, yTrue, yPred, country, { minRows: 50 })
 */
export function sliceMetrics(
  metrics: Record<string, MetricSpec>,
  yTrue: Rows,
  yPred: Rows,
  sliceValues: LabelArray,
  options: SliceMetricsOptions = {},
): SliceMetricsResult {
  const fn = 'sliceMetrics';
  const n = checkLengths(fn, { yTrue, yPred, sliceValues });
  const minRows = options.minRows ?? 30;
  if (!(Number.isInteger(minRows) && minRows >= 1))
    invalid(fn, `minRows must be a positive integer, got ${minRows}`);
  const specs = Object.entries(metrics).map(([name, spec]) => {
    const { metric, options: metricOptions } =
      typeof spec === 'function' ? { metric: spec, options: undefined } : spec;
    if (typeof metric !== 'function') invalid(fn, `metric '${name}' is not a function`);
    return { name, metric, metricOptions };
  });
  if (specs.length === 0) invalid(fn, 'no metrics given');

  const score = (t: Rows, p: Rows): Record<string, SliceMetricValue> => {
    const out: Record<string, SliceMetricValue> = {};
    for (const { name, metric, metricOptions } of specs) {
      try {
        if (options.interval) {
          const r = metricInterval(metric, t, p, {
            ...options.interval,
            ...(metricOptions ? { metricOptions } : {}),
          });
          out[name] = { value: r.value, ci: r.ci };
        } else {
          const v = metric(t, p, metricOptions);
          if (typeof v !== 'number') invalid(fn, `metric '${name}' must return one number`);
          out[name] = { value: v };
        }
      } catch (error) {
        if (!isVigieError(error) || error.code !== 'INVALID_ARGUMENT') throw error;
        out[name] = { value: null, error: error.message };
      }
    }
    return out;
  };

  const { classes, codes } = encodeLabels(fn, [sliceValues]);
  const code = codes[0]!;
  const members: number[][] = classes.map(() => []);
  for (let i = 0; i < n; i++) members[code[i]!]!.push(i);
  const slices = classes.map((slice, s): SliceReport => {
    const rows = members[s]!;
    if (rows.length < minRows) return { slice, n: rows.length, status: 'too-small', metrics: {} };
    return {
      slice,
      n: rows.length,
      status: 'ok',
      metrics: score(takeRows(yTrue, rows), takeRows(yPred, rows)),
    };
  });
  return { overall: { n, metrics: score(yTrue, yPred) }, slices, minRows };
}
