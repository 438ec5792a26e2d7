import { binarize, fewLabels, resolvePosLabel } from './binary-target.js';
import type { Label, LabelArray } from './labels.js';
import { thresholdCounts } from './threshold-counts.js';
import { asFloat64, checkFinite, checkLengths, checkSampleWeight, invalid } from './validate.js';

export interface RocCurveOptions {
  /** Default: 1 when yTrue is {0, 1} or {-1, 1}; required otherwise. */
  posLabel?: Label;
  sampleWeight?: ArrayLike<number>;
  /** Drop thresholds where neither fps nor tps bends (collinear points). Default true, as scikit-learn. */
  dropIntermediate?: boolean;
}

export interface RocCurve {
  fpr: Float64Array;
  tpr: Float64Array;
  /** Decreasing; thresholds[0] = Infinity (the point (0, 0)), as scikit-learn ≥ 1.3. */
  thresholds: Float64Array;
}

/**
 * The ROC curve, as sklearn.metrics.roc_curve: at each distinct score t (decreasing), fpr = share
 * of negatives with score ≥ t and tpr = share of positives with score ≥ t, preceded by (0, 0) at
 * threshold +∞. With `dropIntermediate`, points where both fps and tps have a zero second
 * difference are dropped. No negatives (or no positives) gives an all-NaN fpr (tpr), as
 * scikit-learn after its warning. NaN or infinite scores, NaN labels, mismatched lengths and
 * empty input throw INVALID_ARGUMENT.
 *
 * @example rocCurve([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8])
 * // { fpr: [0, 0, 0.5, 0.5, 1], tpr: [0, 0.5, 0.5, 1, 1], thresholds: [Infinity, 0.8, 0.4, 0.35, 0.1] }
 */
export function rocCurve(
  yTrue: LabelArray,
  yScore: ArrayLike<number>,
  options: RocCurveOptions = {},
): RocCurve {
  const fn = 'rocCurve';
  const { isPos, score } = binaryTarget(fn, yTrue, yScore, options.posLabel, options.sampleWeight);
  let { fps, tps, thresholds } = thresholdCounts(isPos, score, options.sampleWeight);
  if ((options.dropIntermediate ?? true) && fps.length > 2) {
    const keep: number[] = [0];
    for (let i = 1; i < fps.length - 1; i++) {
      const bendF = fps[i + 1]! - fps[i]! - (fps[i]! - fps[i - 1]!);
      const bendT = tps[i + 1]! - tps[i]! - (tps[i]! - tps[i - 1]!);
      if (bendF !== 0 || bendT !== 0) keep.push(i);
    }
    keep.push(fps.length - 1);
    fps = Float64Array.from(keep, (i) => fps[i]!);
    tps = Float64Array.from(keep, (i) => tps[i]!);
    thresholds = Float64Array.from(keep, (i) => thresholds[i]!);
  }
  const m = fps.length + 1;
  const fpr = new Float64Array(m);
  const tpr = new Float64Array(m);
  const th = new Float64Array(m);
  th[0] = Number.POSITIVE_INFINITY;
  th.set(thresholds, 1);
  const fTotal = fps[fps.length - 1]!;
  const tTotal = tps[tps.length - 1]!;
  for (let i = 1; i < m; i++) {
    fpr[i] = fTotal > 0 ? fps[i - 1]! / fTotal : Number.NaN;
    tpr[i] = tTotal > 0 ? tps[i - 1]! / tTotal : Number.NaN;
  }
  if (!(fTotal > 0)) fpr[0] = Number.NaN;
  if (!(tTotal > 0)) tpr[0] = Number.NaN;
  return { fpr, tpr, thresholds: th };
}

/**
 * Validates a binary (or, with posLabel, multiclass) target and its scores, as scikit-learn's
 * confusion_matrix_at_thresholds: posLabel resolved, scores finite, weights valid.
 */
export function binaryTarget(
  fn: string,
  yTrue: LabelArray,
  yScore: ArrayLike<number>,
  posLabel: Label | undefined,
  sampleWeight: ArrayLike<number> | undefined,
): { isPos: Uint8Array; score: Float64Array; posLabel: Label } {
  const n = checkLengths(fn, { yTrue, yScore });
  checkSampleWeight(fn, sampleWeight, n);
  const classes = fewLabels(fn, yTrue, 2);
  if (classes === null && posLabel === undefined) {
    invalid(fn, 'yTrue has more than two labels: pass posLabel to score one of them against the rest');
  }
  const pos = resolvePosLabel(fn, classes ?? [], posLabel);
  const score = asFloat64(yScore);
  checkFinite(fn, 'yScore', score);
  return { isPos: binarize(yTrue, pos), score, posLabel: pos };
}

/** Area under a curve by the trapezoidal rule, as sklearn.metrics.auc on a monotone x. */
export function trapezoid(x: Float64Array, y: Float64Array): number {
  let area = 0;
  for (let i = 1; i < x.length; i++) area += ((x[i]! - x[i - 1]!) * (y[i]! + y[i - 1]!)) / 2;
  return area;
}
