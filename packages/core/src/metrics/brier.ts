import { binarize, fewLabels } from './binary-target.js';
import { formatLabels, type Label, type LabelArray } from './labels.js';
import { probabilisticTarget } from './probabilistic-target.js';
import {
  checkFinite,
  checkLengths,
  checkSampleWeight,
  checkUnitInterval,
  invalid,
  isMatrix,
} from './validate.js';
import { weightedMean } from './weighted-mean.js';

export interface BrierScoreLossOptions {
  sampleWeight?: ArrayLike<number>;
  /** Binary: the label whose probability yProb is. Default 1 for {0, 1} or {-1, 1}, else the greater numeric label; required for strings. */
  posLabel?: Label;
  /** Multiclass: the classes naming yProb's columns, sorted. */
  labels?: readonly Label[];
  /** Halve the score so that it lies in [0, 1]. Default 'auto': for binary input (fewer than three columns). */
  scaleByHalf?: boolean | 'auto';
}

/**
 * Brier score, as sklearn.metrics.brier_score_loss: the (weighted) mean over rows of
 * Σ_k (y_k − p_k)², y the one-hot true class, halved for binary input by default (so it equals
 * the classic mean of (y − p)²). 1-D yProb is the probability of `posLabel`; a matrix has one
 * column per class in sorted label order. Probabilities outside [0, 1] or NaN, more than two labels
 * with 1-D yProb, mismatched lengths and empty input throw INVALID_ARGUMENT. Departure: matrix rows
 * not summing to 1 within 1e-6 throw (scikit-learn warns).
 *
 * @example brierScoreLoss([0, 1, 1, 0], [0.1, 0.9, 0.8, 0.3]) // 0.0375
 */
export function brierScoreLoss(
  yTrue: LabelArray,
  yProb: ArrayLike<number> | ArrayLike<ArrayLike<number>>,
  options: BrierScoreLossOptions = {},
): number {
  const { rows, columns } = brierPerRow(yTrue, yProb, options);
  const scale = options.scaleByHalf ?? 'auto';
  const half = scale === 'auto' ? columns < 3 : scale;
  const mean = weightedMean('brierScoreLoss', rows, options.sampleWeight);
  return half ? mean * 0.5 : mean;
}

/** Σ_k (y_k − p_k)² per row, with scikit-learn's arithmetic (binary: ((1 − y) − (1 − p))² + (y − p)²). */
export function brierPerRow(
  yTrue: LabelArray,
  yProb: ArrayLike<number> | ArrayLike<ArrayLike<number>>,
  options: Omit<BrierScoreLossOptions, 'scaleByHalf'>,
): { rows: Float64Array; columns: number } {
  const fn = 'brierScoreLoss';
  if (isMatrix(yProb) && (yProb[0]?.length ?? 0) > 1) {
    const { truth, columns, n } = probabilisticTarget(fn, yTrue, yProb, options.labels, options.sampleWeight);
    const rows = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (let c = 0; c < columns.length; c++) {
        const d = (truth[i] === c ? 1 : 0) - columns[c]![i]!;
        s += d * d;
      }
      rows[i] = s;
    }
    return { rows, columns: columns.length };
  }
  const n = checkLengths(fn, { yTrue, yProb });
  checkSampleWeight(fn, options.sampleWeight, n);
  const p = isMatrix(yProb)
    ? Float64Array.from(yProb, (r) => r[0]!)
    : Float64Array.from(yProb as ArrayLike<number>);
  checkFinite(fn, 'yProb', p);
  checkUnitInterval(fn, 'yProb', p);
  const classes = fewLabels(fn, yTrue, 2);
  if (classes === null) invalid(fn, 'yTrue has more than two labels: pass yProb as a rows × classes matrix');
  const isPos = binarize(yTrue, binaryPosLabel(fn, classes, options.posLabel));
  const rows = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const t = isPos[i]!;
    const a = 1 - t - (1 - p[i]!);
    const b = t - p[i]!;
    rows[i] = a * a + b * b;
  }
  return { rows, columns: 2 };
}

/**
 * scikit-learn's binary positive label for probabilistic metrics: the given one; else 1 for
 * {0, 1}, {-1, 1} or one of them alone; else the greater numeric label; strings need posLabel.
 */
export function binaryPosLabel(fn: string, classes: readonly Label[], posLabel: Label | undefined): Label {
  if (posLabel !== undefined) return posLabel;
  const key = classes.join(',');
  const numeric = classes.every((c) => typeof c === 'number');
  if (numeric && ['0,1', '-1,1', '0', '-1', '1'].includes(key)) return 1;
  if (numeric) return classes[classes.length - 1]!;
  return invalid(fn, `yTrue takes values in ${formatLabels(classes)} and posLabel is not specified`);
}
