import { CLASSIFICATION_METRICS, type MetricName, REGRESSION_METRICS } from '../config-schema/index.js';
import {
  accuracyScore,
  averagePrecisionScore,
  balancedAccuracyScore,
  brierScoreLoss,
  expectedCalibrationError,
  f1Score,
  type Label,
  logLoss,
  type Metric,
  meanAbsoluteError,
  meanAbsolutePercentageError,
  meanSquaredError,
  medianAbsoluteError,
  precisionScore,
  type Rows,
  r2Score,
  recallScore,
  rocAucScore,
  rootMeanSquaredError,
} from '../metrics/index.js';
import type { Task } from '../models/index.js';
import type { Prepared } from './prepare.js';

/** One metric call on prepared rows: the function, its two inputs and its options. */
export interface MetricCall {
  metric: Metric;
  yTrue: Rows;
  yPred: Rows;
  options?: Record<string, unknown>;
}

export interface MetricDef {
  name: MetricName;
  task: Task;
  /** Losses and errors are better lower. */
  higherIsBetter: boolean;
  /** How to call it, or why it does not apply to these rows. */
  call(p: Prepared): MetricCall | { skip: string };
}

const LOWER_IS_BETTER = new Set<MetricName>([
  'logLoss',
  'brier',
  'ece',
  'mse',
  'rmse',
  'mae',
  'mape',
  'medae',
]);

export function higherIsBetter(name: MetricName): boolean {
  return !LOWER_IS_BETTER.has(name);
}

const compareLabels = (a: Label, b: Label) =>
  typeof a === 'number' && typeof b === 'number'
    ? a - b
    : String(a) < String(b)
      ? -1
      : String(a) > String(b)
        ? 1
        : 0;

/** The positive class of a two-class model: its second class (scikit-learn's greater label). */
function positive(p: Prepared): Label | { skip: string } {
  if (p.modelClasses.length !== 2)
    return { skip: `binary metric, and the model has ${p.modelClasses.length} classes` };
  return p.modelClasses[1]!;
}

/** 1 for the positive class, else 0: binary metrics then never depend on how labels sort. */
function binaryTruth(p: Prepared, pos: Label): Int32Array {
  return Int32Array.from(p.yTrue as Label[], (y) => (y === pos ? 1 : 0));
}

function positiveScores(p: Prepared): Float64Array | { skip: string } {
  if (!p.proba) return { skip: 'the model gives no probabilities' };
  return Float64Array.from(p.proba, (row) => row[1]!);
}

/** Probability rows with the columns in sorted class order, as scikit-learn's `labels` expect. */
function sortedProba(p: Prepared): { rows: Float64Array[]; labels: Label[] } | { skip: string } {
  if (!p.proba) return { skip: 'the model gives no probabilities' };
  if (p.unseen.length > 0)
    return { skip: `the data has classes the model does not know (${p.unseen.map(String).join(', ')})` };
  const order = p.modelClasses
    .map((_, i) => i)
    .sort((a, b) => compareLabels(p.modelClasses[a]!, p.modelClasses[b]!));
  const labels = order.map((i) => p.modelClasses[i]!);
  if (order.every((v, i) => v === i)) return { rows: p.proba, labels };
  return { rows: p.proba.map((row) => Float64Array.from(order, (i) => row[i]!)), labels };
}

function binary(
  p: Prepared,
  make: (truth: Int32Array, scores: Float64Array) => MetricCall,
): MetricCall | { skip: string } {
  const pos = positive(p);
  if (typeof pos === 'object') return pos;
  const scores = positiveScores(p);
  if (!(scores instanceof Float64Array)) return scores;
  return make(binaryTruth(p, pos), scores);
}

const labels =
  (metric: Metric, options?: Record<string, unknown>) =>
  (p: Prepared): MetricCall => ({
    metric,
    yTrue: p.yTrue,
    yPred: p.yPred!,
    ...(options ? { options } : {}),
  });

const binaryLabels =
  (metric: Metric) =>
  (p: Prepared): MetricCall | { skip: string } => {
    const pos = positive(p);
    if (typeof pos === 'object') return pos;
    return { metric, yTrue: p.yTrue, yPred: p.yPred!, options: { average: 'binary', posLabel: pos } };
  };

const values =
  (metric: Metric) =>
  (p: Prepared): MetricCall => ({ metric, yTrue: p.yTrue, yPred: p.values! });

const CALLS: Record<MetricName, MetricDef['call']> = {
  accuracy: labels(accuracyScore),
  balancedAccuracy: labels(balancedAccuracyScore),
  precision: binaryLabels(precisionScore),
  recall: binaryLabels(recallScore),
  f1: binaryLabels(f1Score),
  precisionMacro: labels(precisionScore, { average: 'macro' }),
  recallMacro: labels(recallScore, { average: 'macro' }),
  f1Macro: labels(f1Score, { average: 'macro' }),
  f1Weighted: labels(f1Score, { average: 'weighted' }),
  rocAuc: (p) => {
    if (p.modelClasses.length === 2)
      return binary(p, (t, s) => ({ metric: rocAucScore, yTrue: t, yPred: s }));
    const sorted = sortedProba(p);
    if ('skip' in sorted) return sorted;
    return {
      metric: rocAucScore,
      yTrue: p.yTrue,
      yPred: sorted.rows,
      options: { multiClass: 'ovr', average: 'macro', labels: sorted.labels },
    };
  },
  averagePrecision: (p) => binary(p, (t, s) => ({ metric: averagePrecisionScore, yTrue: t, yPred: s })),
  logLoss: (p) => {
    if (p.modelClasses.length === 2)
      return binary(p, (t, s) => ({ metric: logLoss, yTrue: t, yPred: s, options: { labels: [0, 1] } }));
    const sorted = sortedProba(p);
    if ('skip' in sorted) return sorted;
    return { metric: logLoss, yTrue: p.yTrue, yPred: sorted.rows, options: { labels: sorted.labels } };
  },
  brier: (p) => binary(p, (t, s) => ({ metric: brierScoreLoss, yTrue: t, yPred: s })),
  ece: (p) => binary(p, (t, s) => ({ metric: expectedCalibrationError, yTrue: t, yPred: s })),
  mse: values(meanSquaredError),
  rmse: values(rootMeanSquaredError),
  mae: values(meanAbsoluteError),
  r2: values(r2Score),
  mape: values(meanAbsolutePercentageError),
  medae: values(medianAbsoluteError),
};

export function metricDef(name: MetricName): MetricDef {
  return {
    name,
    task: (REGRESSION_METRICS as readonly string[]).includes(name) ? 'regression' : 'classification',
    higherIsBetter: higherIsBetter(name),
    call: CALLS[name],
  };
}

/** The metrics reported when none are named (the `vigie evaluate --json` contract's keys first). */
export function defaultMetrics(task: Task, nClasses: number): MetricName[] {
  if (task === 'regression') return ['mse', 'rmse', 'mae', 'r2', 'mape', 'medae'];
  const base: MetricName[] = ['accuracy', 'balancedAccuracy', 'f1Macro', 'rocAuc', 'logLoss'];
  return nClasses === 2
    ? [...base, 'precision', 'recall', 'f1', 'averagePrecision', 'brier', 'ece']
    : [...base, 'f1Weighted'];
}

export function metricsForTask(task: Task): readonly MetricName[] {
  return task === 'regression' ? REGRESSION_METRICS : CLASSIFICATION_METRICS;
}
