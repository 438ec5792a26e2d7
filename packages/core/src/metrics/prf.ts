import { type ClassificationCounts, classificationCounts } from './counts.js';
import { formatLabel, formatLabels, indexOfLabel, type Label, type LabelArray } from './labels.js';
import { invalid } from './validate.js';

/** scikit-learn's `average`: 'binary' (one positive label), set-wise averages, or null for per-class arrays. */
export type Average = 'binary' | 'micro' | 'macro' | 'weighted' | null;

/** What a ratio with a zero denominator becomes: 'warn' (default) behaves as 0, as scikit-learn, and prints nothing. */
export type ZeroDivision = 'warn' | 0 | 1 | number;

export interface PrfOptions {
  /** Default 'binary'. */
  average?: Average;
  /** The positive label for average 'binary'. Default 1. */
  posLabel?: Label;
  /** The labels to score (and their order, for average null); default: every label present. */
  labels?: readonly Label[];
  sampleWeight?: ArrayLike<number>;
  /** Default 'warn' (0). 0, 1 or NaN (NaN values are left out of averages, as scikit-learn). */
  zeroDivision?: ZeroDivision;
}

export interface FbetaOptions extends PrfOptions {
  /** Weight of recall against precision. Default 1. */
  beta?: number;
}

/** Per-class values (average null) or one averaged value. */
export type PrfValue = number | Float64Array;

export interface PrfResult {
  precision: PrfValue;
  recall: PrfValue;
  fscore: PrfValue;
  /** Per-class true counts (weights) for average null; null when averaged, as scikit-learn's None. */
  support: Float64Array | null;
  /** The labels the per-class values belong to. */
  labels: Label[];
}

const FN = 'precisionRecallFscoreSupport';

/**
 * Precision, recall, F-beta and support, as sklearn.metrics.precision_recall_fscore_support.
 * Per class c: precision = tp / (tp + fp), recall = tp / (tp + fn), F_β = (1 + β²)·tp /
 * ((1 + β²)·tp + β²·fn + fp) (β = 0 gives precision, β = ∞ recall), support = tp + fn. A zero
 * denominator gives `zeroDivision` (default 'warn' → 0, without printing). Averages: 'binary' scores
 * `posLabel` only and refuses more than two labels; 'micro' sums tp, fp, fn over the labels first;
 * 'macro' is the plain mean and 'weighted' the support-weighted mean of the per-class values (NaN
 * values left out); null returns arrays in the order of `labels`. NaN labels, mismatched lengths
 * and empty input throw INVALID_ARGUMENT.
 *
 * @example precisionRecallFscoreSupport([0, 1, 2, 0, 1, 2], [0, 2, 1, 0, 0, 1], { average: 'macro' })
 * // { precision: 0.2222, recall: 0.3333, fscore: 0.2667, support: null, labels: [0, 1, 2] }
 */
export function precisionRecallFscoreSupport(
  yTrue: LabelArray,
  yPred: LabelArray,
  options: FbetaOptions = {},
): PrfResult {
  checkAverage(FN, options.average);
  const counts = classificationCounts(
    yTrue,
    yPred,
    {
      sampleWeight: options.sampleWeight,
      ...(options.labels && options.average !== 'binary' && options.average !== undefined
        ? { labels: options.labels }
        : {}),
    },
    FN,
  );
  return prfFromCounts(counts, options, FN);
}

/**
 * Precision tp / (tp + fp), as sklearn.metrics.precision_score (same options and policies as
 * `precisionRecallFscoreSupport`).
 * @example precisionScore([0, 1, 1, 0], [0, 1, 0, 1]) // 0.5
 */
export function precisionScore(yTrue: LabelArray, yPred: LabelArray, options: PrfOptions = {}): PrfValue {
  return single(yTrue, yPred, options, 'precision', 'precisionScore');
}

/**
 * Recall tp / (tp + fn), as sklearn.metrics.recall_score (same options and policies as
 * `precisionRecallFscoreSupport`).
 * @example recallScore([0, 1, 1, 0], [0, 1, 0, 1]) // 0.5
 */
export function recallScore(yTrue: LabelArray, yPred: LabelArray, options: PrfOptions = {}): PrfValue {
  return single(yTrue, yPred, options, 'recall', 'recallScore');
}

/**
 * F1 = 2·tp / (2·tp + fp + fn), as sklearn.metrics.f1_score (same options and policies as
 * `precisionRecallFscoreSupport`).
 * @example f1Score([0, 1, 1, 0], [0, 1, 1, 1]) // 0.8
 */
export function f1Score(yTrue: LabelArray, yPred: LabelArray, options: PrfOptions = {}): PrfValue {
  return single(yTrue, yPred, { ...options, beta: 1 }, 'fscore', 'f1Score');
}

/**
 * F-beta = (1 + β²)·tp / ((1 + β²)·tp + β²·fn + fp), as sklearn.metrics.fbeta_score; `beta` is
 * required, as scikit-learn (same options and policies as `precisionRecallFscoreSupport`).
 * @example fbetaScore([0, 1, 1, 0], [0, 1, 1, 1], { beta: 0.5 }) // 0.7143
 */
export function fbetaScore(
  yTrue: LabelArray,
  yPred: LabelArray,
  options: PrfOptions & { beta: number },
): PrfValue {
  if (options?.beta === undefined) invalid('fbetaScore', 'beta is required');
  return single(yTrue, yPred, options, 'fscore', 'fbetaScore');
}

function single(
  yTrue: LabelArray,
  yPred: LabelArray,
  options: FbetaOptions,
  field: 'precision' | 'recall' | 'fscore',
  fn: string,
): PrfValue {
  checkAverage(fn, options.average);
  const counts = classificationCounts(
    yTrue,
    yPred,
    {
      sampleWeight: options.sampleWeight,
      ...(options.labels && options.average !== 'binary' && options.average !== undefined
        ? { labels: options.labels }
        : {}),
    },
    fn,
  );
  return prfFromCounts(counts, options, fn)[field];
}

const AVERAGES = new Set<unknown>(['binary', 'micro', 'macro', 'weighted', null]);

function checkAverage(fn: string, average: unknown): void {
  if (average !== undefined && !AVERAGES.has(average)) {
    invalid(fn, `average must be 'binary', 'micro', 'macro', 'weighted' or null, got ${String(average)}`);
  }
}

/**
 * precisionRecallFscoreSupport from confusion counts: the counts must cover every label of the
 * data and of `options.labels`.
 */
export function prfFromCounts(counts: ClassificationCounts, options: FbetaOptions = {}, fn = FN): PrfResult {
  const average = options.average === undefined ? 'binary' : options.average;
  const beta = options.beta ?? 1;
  if (!(beta >= 0)) invalid(fn, `beta must be non-negative, got ${beta}`);
  const zeroDivision = zeroDivisionValue(fn, options.zeroDivision ?? 'warn');
  const { matrix, labels: classes } = counts;
  const k = classes.length;
  const present: number[] = [];
  for (let c = 0; c < k; c++) if (counts.inTrue[c] || counts.inPred[c]) present.push(c);

  let selected: number[];
  if (average === 'binary') {
    if (present.length > 2) {
      invalid(
        fn,
        "the target is multiclass but average is 'binary'; choose 'micro', 'macro', 'weighted' or null",
      );
    }
    const posLabel = options.posLabel ?? 1;
    const pos = indexOfLabel(classes, posLabel);
    if ((pos === -1 || !present.includes(pos)) && present.length >= 2) {
      invalid(
        fn,
        `posLabel=${formatLabel(posLabel)} is not a valid label; it should be one of ${formatLabels(present.map((c) => classes[c]!))}`,
      );
    }
    selected = [pos];
  } else if (options.labels !== undefined) {
    selected = options.labels.map((l) => indexOfLabel(classes, l));
  } else {
    selected = present;
  }

  const m = selected.length;
  let tp = new Float64Array(m);
  let predSum = new Float64Array(m);
  let trueSum = new Float64Array(m);
  for (let j = 0; j < m; j++) {
    const c = selected[j]!;
    if (c < 0) continue;
    tp[j] = matrix[c * k + c]!;
    for (let o = 0; o < k; o++) {
      predSum[j]! += matrix[o * k + c]!;
      trueSum[j]! += matrix[c * k + o]!;
    }
  }
  if (average === 'micro') {
    tp = Float64Array.of(sumOf(tp));
    predSum = Float64Array.of(sumOf(predSum));
    trueSum = Float64Array.of(sumOf(trueSum));
  }
  const beta2 = beta * beta;
  const precision = divide(tp, predSum, zeroDivision);
  const recall = divide(tp, trueSum, zeroDivision);
  let fscore: Float64Array;
  if (beta === Number.POSITIVE_INFINITY) fscore = recall;
  else if (beta === 0) fscore = precision;
  else {
    const num = tp.map((v) => (1 + beta2) * v);
    const den = trueSum.map((v, j) => beta2 * v + predSum[j]!);
    fscore = divide(num, den, zeroDivision);
  }
  const outLabels = selected.map((c, j) =>
    c >= 0 ? classes[c]! : average === 'binary' ? (options.posLabel ?? 1) : options.labels![j]!,
  );
  if (average === null) return { precision, recall, fscore, support: trueSum, labels: outLabels };
  const weights = average === 'weighted' ? trueSum : undefined;
  return {
    precision: nanAverage(precision, weights),
    recall: nanAverage(recall, weights),
    fscore: nanAverage(fscore, weights),
    support: null,
    labels: outLabels,
  };
}

function zeroDivisionValue(fn: string, z: ZeroDivision): number {
  if (z === 'warn') return 0;
  if (z === 0 || z === 1 || Number.isNaN(z)) return z;
  return invalid(fn, `zeroDivision must be 'warn', 0, 1 or NaN, got ${String(z)}`);
}

function divide(num: Float64Array, den: Float64Array, zeroDivision: number): Float64Array {
  const out = new Float64Array(num.length);
  for (let j = 0; j < num.length; j++) out[j] = den[j] === 0 ? zeroDivision : num[j]! / den[j]!;
  return out;
}

function sumOf(x: Float64Array): number {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += x[i]!;
  return s;
}

/**
 * scikit-learn's _nanaverage: the (weighted) mean of the non-NaN values; NaN when there are none;
 * the plain mean when the remaining weights sum to 0.
 */
function nanAverage(a: Float64Array, weights?: Float64Array): number {
  let sum = 0;
  let wsum = 0;
  let plain = 0;
  let count = 0;
  for (let j = 0; j < a.length; j++) {
    const v = a[j]!;
    if (Number.isNaN(v)) continue;
    plain += v;
    count++;
    if (weights) {
      sum += v * weights[j]!;
      wsum += weights[j]!;
    }
  }
  if (count === 0) return Number.NaN;
  if (weights && wsum !== 0) return sum / wsum;
  return plain / count;
}
