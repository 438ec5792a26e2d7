import type { MetricName } from '../config-schema/index.js';
import { isVigieError } from '../errors/index.js';
import {
  type ConfusionMatrix,
  calibrationCurve,
  confusionMatrix,
  type Label,
  metricInterval,
  precisionRecallCurve,
  rocCurve,
  type SliceMetricsResult,
  sliceMetrics,
} from '../metrics/index.js';
import type { Task } from '../models/index.js';
import { defaultMetrics, type MetricCall, metricDef } from './metric-catalog.js';
import type { Prepared } from './prepare.js';

export interface BootstrapSettings {
  resamples: number;
  confidence: number;
  seed: number;
}

export const DEFAULT_BOOTSTRAP: BootstrapSettings = { resamples: 1000, confidence: 0.95, seed: 0 };

export interface MetricResult {
  /** null when the metric is undefined on these rows (see `error`). */
  value: number | null;
  /** Percentile bootstrap interval over rows. */
  ci: [number, number] | null;
  error?: string;
}

/** Points of a curve, thinned to at most a few hundred for the report. */
export interface Curve {
  name: string;
  x: number[];
  y: number[];
}

export interface EvaluationResult {
  task: Task;
  n: number;
  missingLabels: number;
  classes: Label[];
  /** True labels the model does not know. */
  unseen: Label[];
  metrics: Partial<Record<MetricName, MetricResult>>;
  bootstrap: BootstrapSettings;
  confusion?: ConfusionMatrix;
  roc?: Curve[];
  pr?: Curve[];
  calibration?: Curve;
  residuals?: { predicted: number[]; actual: number[] };
  slices?: Array<{ column: string; result: SliceMetricsResult }>;
}

export interface EvaluateOptions {
  metrics?: MetricName[];
  bootstrap?: BootstrapSettings;
  /** Columns to slice by: their values for the kept rows (same order as the prepared rows). */
  slices?: Array<{ column: string; values: Label[] }>;
  minSliceRows?: number;
}

const MAX_POINTS = 300;

function thin(x: ArrayLike<number>, y: ArrayLike<number>): { x: number[]; y: number[] } {
  const n = x.length;
  const step = Math.max(1, Math.ceil(n / MAX_POINTS));
  const xs: number[] = [];
  const ys: number[] = [];
  for (let i = 0; i < n; i += step) {
    xs.push(x[i]!);
    ys.push(y[i]!);
  }
  if ((n - 1) % step !== 0 && n > 0) {
    xs.push(x[n - 1]!);
    ys.push(y[n - 1]!);
  }
  return { x: xs, y: ys };
}

function reason(error: unknown): string {
  if (isVigieError(error)) return error.message;
  throw error;
}

/**
 * Every requested metric with its bootstrap interval (deterministic for the seed), the confusion
 * matrix, ROC, precision-recall and calibration curves (classification) or residuals (regression),
 * and metrics per slice. A metric undefined on these rows (one class for ROC AUC, a binary metric
 * on a multiclass model) has value null and the reason: never a silent number.
 */
export function evaluatePrepared(p: Prepared, options: EvaluateOptions = {}): EvaluationResult {
  const bootstrap = options.bootstrap ?? DEFAULT_BOOTSTRAP;
  const names = options.metrics ?? defaultMetrics(p.task, p.modelClasses.length);
  const metrics: EvaluationResult['metrics'] = {};
  for (const name of names) {
    const def = metricDef(name);
    if (def.task !== p.task) {
      metrics[name] = { value: null, ci: null, error: `a ${def.task} metric, and this is ${p.task}` };
      continue;
    }
    const call = def.call(p);
    if ('skip' in call) {
      metrics[name] = { value: null, ci: null, error: call.skip };
      continue;
    }
    try {
      const r = metricInterval(call.metric, call.yTrue, call.yPred, {
        nResamples: bootstrap.resamples,
        confidenceLevel: bootstrap.confidence,
        seed: bootstrap.seed,
        ...(call.options ? { metricOptions: call.options } : {}),
      });
      const finite = Number.isFinite(r.ci[0]) && Number.isFinite(r.ci[1]);
      metrics[name] = {
        value: r.value,
        ci: finite ? r.ci : null,
        ...(finite ? {} : { error: 'undefined on some bootstrap resamples (a class missing from them)' }),
      };
    } catch (error) {
      metrics[name] = { value: null, ci: null, error: reason(error) };
    }
  }
  const result: EvaluationResult = {
    task: p.task,
    n: p.n,
    missingLabels: p.missingLabels,
    classes: p.modelClasses,
    unseen: p.unseen,
    metrics,
    bootstrap,
  };
  if (p.task === 'classification') addClassificationViews(p, result);
  else {
    const t = thin(p.values!, p.yTrue as Float64Array);
    result.residuals = { predicted: t.x, actual: t.y };
  }
  if (options.slices?.length) {
    result.slices = options.slices.map((s) => ({
      column: s.column,
      result: slicesOf(p, names, s.values, options, bootstrap),
    }));
  }
  return result;
}

function addClassificationViews(p: Prepared, result: EvaluationResult): void {
  const labels = [...p.modelClasses, ...p.unseen];
  result.confusion = confusionMatrix(p.yTrue as Label[], p.yPred!, { labels });
  if (!p.proba) return;
  const k = p.modelClasses.length;
  const roc: Curve[] = [];
  const pr: Curve[] = [];
  // One-vs-rest per class (only the positive class for two classes).
  for (let c = k === 2 ? 1 : 0; c < k; c++) {
    const truth = Int32Array.from(p.yTrue as Label[], (y) => (y === p.modelClasses[c] ? 1 : 0));
    if (!truth.includes(1) || !truth.includes(0)) continue;
    const scores = Float64Array.from(p.proba, (row) => row[c]!);
    const r = rocCurve(truth, scores);
    roc.push({ name: String(p.modelClasses[c]), ...thin(r.fpr, r.tpr) });
    const q = precisionRecallCurve(truth, scores);
    pr.push({ name: String(p.modelClasses[c]), ...thin(q.recall, q.precision) });
    if (k === 2) {
      try {
        const cal = calibrationCurve(truth, scores, { nBins: 10 });
        result.calibration = {
          name: String(p.modelClasses[c]),
          x: Array.from(cal.probPred),
          y: Array.from(cal.probTrue),
        };
      } catch (error) {
        reason(error);
      }
    }
  }
  if (roc.length > 0) result.roc = roc;
  if (pr.length > 0) result.pr = pr;
}

function slicesOf(
  p: Prepared,
  names: MetricName[],
  values: Label[],
  options: EvaluateOptions,
  bootstrap: BootstrapSettings,
): SliceMetricsResult {
  // Per slice, the metrics computed on predicted labels or values (probability metrics need
  // probability rows per slice; they stay overall).
  const yPred = p.task === 'regression' ? p.values! : p.yPred!;
  const specs: Record<string, { metric: MetricCall['metric']; options: Record<string, unknown> }> = {};
  for (const name of names) {
    const call = metricDef(name).call(p);
    if ('skip' in call || call.yPred !== yPred) continue;
    specs[name] = { metric: call.metric, options: call.options ?? {} };
  }
  return sliceMetrics(specs, p.yTrue, yPred, values, {
    minRows: options.minSliceRows ?? 30,
    interval: {
      nResamples: bootstrap.resamples,
      confidenceLevel: bootstrap.confidence,
      seed: bootstrap.seed,
    },
  });
}

/** The metrics' values alone, without intervals (for searches that score many trials). */
export function pointMetrics(p: Prepared, names?: MetricName[]): Partial<Record<MetricName, number>> {
  const out: Partial<Record<MetricName, number>> = {};
  for (const name of names ?? defaultMetrics(p.task, p.modelClasses.length)) {
    const def = metricDef(name);
    if (def.task !== p.task) continue;
    const call = def.call(p);
    if ('skip' in call) continue;
    try {
      const v = call.metric(call.yTrue, call.yPred, call.options);
      if (typeof v === 'number' && Number.isFinite(v)) out[name] = v;
    } catch (error) {
      reason(error);
    }
  }
  return out;
}
