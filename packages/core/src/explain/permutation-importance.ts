import type { MetricName } from '../config-schema/index.js';
import { VigieError } from '../errors/index.js';
import { metricDef, type Prepared, prepareEvaluation } from '../evaluation/index.js';
import type { ModelRuntime } from '../models/index.js';
import { createRandom, shuffleInPlace } from '../random/index.js';
import { studentT } from '../stats/index.js';
import { type Column, getColumn, type Table } from '../table/index.js';
import { composeRows } from './compose-rows.js';
import { modelColumns } from './model-columns.js';

export interface PermutationImportanceOptions {
  /** The label column. */
  label: string;
  /** A metric of the evaluation catalog. Default: accuracy (classification), r2 (regression), as a model's `score`. */
  metric?: MetricName;
  /** Shuffles per column. Default 5. */
  nRepeats?: number;
  seed?: number;
  /** Of the interval over repeats. Default 0.95. */
  confidence?: number;
}

export interface ColumnImportance {
  column: string;
  /** Mean over repeats of the score lost when the column is shuffled (positive: the model needs it). */
  mean: number;
  /** Standard deviation over repeats (ddof 0, as scikit-learn's importances_std). */
  std: number;
  /** Student t interval of the mean over the repeats (the shuffles' randomness only, not the data's); null with one repeat. */
  ci: [number, number] | null;
  /** One importance per repeat. */
  importances: number[];
}

export interface PermutationImportanceResult {
  method: 'permutation';
  metric: MetricName;
  higherIsBetter: boolean;
  /** The metric on the data as it is. */
  baseline: number;
  nRepeats: number;
  seed: number;
  confidence: number;
  /** Rows scored (those with a label). */
  rows: number;
  columns: ColumnImportance[];
}

function score(metric: MetricName, p: Prepared): number {
  const def = metricDef(metric);
  if (def.task !== p.task)
    throw new VigieError(
      'INVALID_ARGUMENT',
      `${metric} is a ${def.task} metric, and this model does ${p.task}`,
    );
  const call = def.call(p);
  if ('skip' in call)
    throw new VigieError('INVALID_ARGUMENT', `${metric} cannot score this model: ${call.skip}`);
  const v = call.metric(call.yTrue, call.yPred, call.options);
  if (typeof v !== 'number' || !Number.isFinite(v))
    throw new VigieError('INVALID_ARGUMENT', `${metric} is not defined on these rows`);
  return v;
}

/**
 * Permutation importance, as sklearn.inspection.permutation_importance: the metric on the data,
 * then for each column the model's input reads, nRepeats times: the column's values shuffled
 * across rows (seeded; a categorical column is shuffled as categories, so only real categories
 * appear), the model re-run and re-scored; importance = baseline − shuffled score (shuffled −
 * baseline for a loss, as scikit-learn's neg_ scorers), so positive means the model relies on the
 * column. Rows without a label are left out first. Cost: columns × nRepeats runs of the model on
 * the data.
 *
 * @example
 *   const r = await permutationImportance(model, test, { label: 'species' });
 *   r.columns.sort((a, b) => b.mean - a.mean)[0].column
 */
export async function permutationImportance(
  model: ModelRuntime,
  data: Table,
  options: PermutationImportanceOptions,
): Promise<PermutationImportanceResult> {
  const nRepeats = options.nRepeats ?? 5;
  if (!Number.isSafeInteger(nRepeats) || nRepeats < 1)
    throw new VigieError('INVALID_ARGUMENT', `nRepeats must be a positive integer, got ${nRepeats}`);
  const seed = options.seed ?? 0;
  const confidence = options.confidence ?? 0.95;
  const labelColumn = getColumn(data, options.label);
  const columns = modelColumns(model, data, options.label);
  const first = await model.predict(
    composeRows(
      columns,
      columns.map(() => identity(data.rowCount)),
    ),
  );
  const prepared = prepareEvaluation(labelColumn, first);
  const metric = options.metric ?? (model.signature.task === 'regression' ? 'r2' : 'accuracy');
  const higher = metricDef(metric).higherIsBetter;
  const baseline = score(metric, prepared);
  // Only the labelled rows are shuffled and scored, as if the unlabelled ones were not there.
  const kept = prepared.rows;
  const n = kept.length;
  const label = takeLabel(labelColumn, kept);
  const results: ColumnImportance[] = [];
  for (let j = 0; j < columns.length; j++) {
    const col = columns[j]!;
    // Every column gets the same sequence of shuffles, as in scikit-learn (one seed drawn once).
    const rng = createRandom(seed);
    const order = Int32Array.from(kept);
    // One model call for all repeats: nRepeats copies of the rows, column j shuffled in each.
    const picks = columns.map(() => new Int32Array(n * nRepeats));
    for (let r = 0; r < nRepeats; r++) {
      shuffleInPlace(order, rng);
      for (let c = 0; c < columns.length; c++) picks[c]!.set(c === j ? order : kept, r * n);
    }
    const predictions = await model.predict(composeRows(columns, picks));
    const importances: number[] = [];
    for (let r = 0; r < nRepeats; r++) {
      const p = prepareEvaluation(label, slicePredictions(predictions, r * n, n));
      const s = score(metric, p);
      importances.push(higher ? baseline - s : s - baseline);
    }
    results.push({ column: col.name, ...summarize(importances, confidence), importances });
  }
  return {
    method: 'permutation',
    metric,
    higherIsBetter: higher,
    baseline,
    nRepeats,
    seed,
    confidence,
    rows: n,
    columns: results,
  };
}

function identity(n: number): Int32Array {
  return Int32Array.from({ length: n }, (_, i) => i);
}

function takeLabel(col: Column, rows: Int32Array): Column {
  return composeRows([col], [rows]).columns[0]!;
}

function slicePredictions<P extends Awaited<ReturnType<ModelRuntime['predict']>>>(
  p: P,
  start: number,
  n: number,
): P {
  const k = p.classes?.length ?? 0;
  return {
    ...p,
    rows: n,
    ...(p.labels ? { labels: p.labels.subarray(start, start + n) } : {}),
    ...(p.probabilities ? { probabilities: p.probabilities.subarray(start * k, (start + n) * k) } : {}),
    ...(p.values ? { values: p.values.subarray(start, start + n) } : {}),
  };
}

/** Mean, std (ddof 0) and the t interval of the mean (ddof 1). */
export function summarize(values: readonly number[], confidence: number) {
  const n = values.length;
  const mean = values.reduce((a, b) => a + b, 0) / n;
  const ss = values.reduce((a, v) => a + (v - mean) ** 2, 0);
  const std = Math.sqrt(ss / n);
  if (n < 2) return { mean, std, ci: null };
  const half = studentT.ppf(0.5 + confidence / 2, n - 1) * Math.sqrt(ss / (n - 1) / n);
  return { mean, std, ci: [mean - half, mean + half] as [number, number] };
}
