import { binarize, fewLabels } from './binary-target.js';
import {
  encodeLabels,
  formatLabel,
  formatLabels,
  indexOfLabel,
  type Label,
  type LabelArray,
} from './labels.js';
import { readMatrix } from './probability-matrix.js';
import { binaryTarget } from './roc-curve.js';
import { thresholdCounts } from './threshold-counts.js';
import { checkFinite, checkLengths, checkSampleWeight, invalid, isMatrix } from './validate.js';

export interface PrecisionRecallCurveOptions {
  /** Default: 1 when yTrue is {0, 1} or {-1, 1}; required otherwise. */
  posLabel?: Label;
  sampleWeight?: ArrayLike<number>;
  /** Keep only the first and last threshold of each run of equal tps. Default false, as scikit-learn. */
  dropIntermediate?: boolean;
}

export interface PrecisionRecallCurve {
  /** precision[i] at thresholds[i], increasing thresholds; the last value is 1 (no threshold). */
  precision: Float64Array;
  /** Decreasing; the last value is 0. */
  recall: Float64Array;
  /** The distinct scores, increasing (one fewer than precision and recall). */
  thresholds: Float64Array;
}

/**
 * The precision-recall curve, as sklearn.metrics.precision_recall_curve: at each distinct score t
 * (increasing), precision = tp / (tp + fp) (0 when nothing scores ≥ t) and recall = tp / P of
 * the rows with score ≥ t, then the point (recall 0, precision 1). Without positives, recall is 1
 * everywhere, as scikit-learn after its warning. NaN or infinite scores, NaN labels, mismatched
 * lengths and empty input throw INVALID_ARGUMENT.
 *
 * @example precisionRecallCurve([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8])
 * // precision [0.5, 0.667, 0.5, 1, 1], recall [1, 1, 0.5, 0.5, 0], thresholds [0.1, 0.35, 0.4, 0.8]
 */
export function precisionRecallCurve(
  yTrue: LabelArray,
  yScore: ArrayLike<number>,
  options: PrecisionRecallCurveOptions = {},
): PrecisionRecallCurve {
  const { isPos, score } = binaryTarget(
    'precisionRecallCurve',
    yTrue,
    yScore,
    options.posLabel,
    options.sampleWeight,
  );
  return curveFromBinary(isPos, score, options.sampleWeight, options.dropIntermediate ?? false);
}

function curveFromBinary(
  isPos: Uint8Array,
  score: Float64Array,
  weight: ArrayLike<number> | undefined,
  dropIntermediate: boolean,
): PrecisionRecallCurve {
  let { fps, tps, thresholds } = thresholdCounts(isPos, score, weight);
  if (dropIntermediate && fps.length > 2) {
    const keep: number[] = [0];
    for (let i = 1; i < tps.length - 1; i++) {
      if (tps[i]! - tps[i - 1]! !== 0 || tps[i + 1]! - tps[i]! !== 0) keep.push(i);
    }
    keep.push(tps.length - 1);
    fps = Float64Array.from(keep, (i) => fps[i]!);
    tps = Float64Array.from(keep, (i) => tps[i]!);
    thresholds = Float64Array.from(keep, (i) => thresholds[i]!);
  }
  const m = tps.length;
  const precision = new Float64Array(m + 1);
  const recall = new Float64Array(m + 1);
  const total = tps[m - 1]!;
  for (let i = 0; i < m; i++) {
    const r = m - 1 - i;
    const ps = tps[i]! + fps[i]!;
    precision[r] = ps !== 0 ? tps[i]! / ps : 0;
    recall[r] = total === 0 ? 1 : tps[i]! / total;
  }
  precision[m] = 1;
  recall[m] = 0;
  return { precision, recall, thresholds: thresholds.reverse() };
}

export interface AveragePrecisionScoreOptions {
  /** Multiclass (yScore a matrix): 'macro' (default), 'weighted', 'micro' or null (per class). */
  average?: 'macro' | 'weighted' | 'micro' | null;
  /** Binary: the positive label. Default 1, as scikit-learn. */
  posLabel?: Label;
  sampleWeight?: ArrayLike<number>;
}

const AP = 'averagePrecisionScore';

/**
 * Average precision, as sklearn.metrics.average_precision_score: AP = Σ_n (R_n − R_{n−1})·P_n
 * over the thresholds of the precision-recall curve (a step integral, no interpolation), floored
 * at 0. Binary: yScore is the positive label's score (posLabel default 1). Multiclass: yScore is
 * a rows × classes matrix (columns in the sorted order of yTrue's labels) and the one-vs-rest
 * APs are averaged ('macro', 'weighted' by class support, 'micro' over the flattened one-hot
 * matrix, null per class). Without positives AP is 0, as scikit-learn. NaN or infinite scores,
 * NaN labels, mismatched lengths and empty input throw INVALID_ARGUMENT.
 *
 * @example averagePrecisionScore([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8]) // 0.8333
 */
export function averagePrecisionScore(
  yTrue: LabelArray,
  yScore: ArrayLike<number> | ArrayLike<ArrayLike<number>>,
  options: AveragePrecisionScoreOptions = {},
): number | Float64Array {
  const n = checkLengths(AP, { yTrue, yScore });
  const w = options.sampleWeight;
  checkSampleWeight(AP, w, n);
  const average = options.average === undefined ? 'macro' : options.average;
  if (!['macro', 'weighted', 'micro', null].includes(average)) {
    invalid(AP, `average must be 'macro', 'weighted', 'micro' or null, got ${String(average)}`);
  }
  const binaryClasses = fewLabels(AP, yTrue, 2);
  if (binaryClasses !== null) {
    if (isMatrix(yScore)) invalid(AP, 'binary yScore must be one score per row, not a matrix');
    const posLabel = options.posLabel ?? 1;
    if (binaryClasses.length === 2 && indexOfLabel(binaryClasses, posLabel) < 0) {
      invalid(
        AP,
        `posLabel=${formatLabel(posLabel)} is not a valid label; it should be one of ${formatLabels(binaryClasses)}`,
      );
    }
    const score = Float64Array.from(yScore as ArrayLike<number>);
    checkFinite(AP, 'yScore', score);
    return binaryAp(binarize(yTrue, posLabel), score, w);
  }
  if (options.posLabel !== undefined && options.posLabel !== 1) {
    invalid(AP, 'posLabel is fixed to 1 for multiclass yTrue');
  }
  if (!isMatrix(yScore))
    invalid(AP, 'yTrue has more than two labels: yScore must be a rows × classes matrix');
  const { k, columns } = readMatrix(AP, yScore);
  const { classes, codes } = encodeLabels(AP, [yTrue]);
  if (classes.length !== k) invalid(AP, `yTrue has ${classes.length} classes but yScore has ${k} columns`);
  for (const col of columns) checkFinite(AP, 'yScore', col);
  const truth = codes[0]!;
  if (average === 'micro') {
    const isPos = new Uint8Array(n * k);
    const flat = new Float64Array(n * k);
    const fw = w === undefined ? undefined : new Float64Array(n * k);
    for (let i = 0; i < n; i++) {
      isPos[i * k + truth[i]!] = 1;
      for (let c = 0; c < k; c++) {
        flat[i * k + c] = columns[c]![i]!;
        if (fw) fw[i * k + c] = w![i]!;
      }
    }
    return binaryAp(isPos, flat, fw);
  }
  const scores = new Float64Array(k);
  const support = new Float64Array(k);
  for (let c = 0; c < k; c++) {
    const isPos = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      if (truth[i] === c) {
        isPos[i] = 1;
        support[c]! += w === undefined ? 1 : w[i]!;
      }
    }
    scores[c] = binaryAp(isPos, columns[c]!, w);
  }
  if (average === null) return scores;
  let sum = 0;
  let wsum = 0;
  for (let c = 0; c < k; c++) {
    const weight = average === 'weighted' ? support[c]! : 1;
    sum += weight === 0 ? 0 : scores[c]! * weight;
    wsum += weight;
  }
  return average === 'weighted' && wsum === 0 ? 0 : sum / wsum;
}

/** Binary AP: max(0, −Σ (recall[i+1] − recall[i])·precision[i]) over the full curve. */
function binaryAp(isPos: Uint8Array, score: Float64Array, w: ArrayLike<number> | undefined): number {
  const { precision, recall } = curveFromBinary(isPos, score, w, false);
  let s = 0;
  for (let i = 0; i + 1 < recall.length; i++) s += (recall[i + 1]! - recall[i]!) * precision[i]!;
  return Math.max(0, -s);
}
