import type { Label, LabelArray } from './labels.js';
import {
  binaryProbabilities,
  type ProbabilisticTarget,
  probabilisticTarget,
} from './probabilistic-target.js';
import { isMatrix } from './validate.js';
import { weightedMean } from './weighted-mean.js';

export interface LogLossOptions {
  /** Default true: the (weighted) mean loss; false: the (weighted) sum. */
  normalize?: boolean;
  sampleWeight?: ArrayLike<number>;
  /** The classes naming yProb's columns, sorted; default the sorted labels of yTrue. */
  labels?: readonly Label[];
}

/** float64 machine epsilon: scikit-learn ≥ 1.5 clips probabilities to [eps, 1 − eps] of the input's dtype. */
const EPS = 2.220446049250313e-16;

/**
 * Log loss (cross-entropy), as sklearn.metrics.log_loss: the mean over rows of −log p̂(true class),
 * each probability clipped to [ε, 1 − ε] with ε = 2.22e-16 (float64 epsilon, as scikit-learn's
 * current version). yProb is the positive-class probability (1-D, binary: the greater of two
 * labels) or a rows × classes matrix with columns in the sorted order of the labels. Probabilities
 * outside [0, 1] or NaN, a single class without `labels`, mismatched lengths and empty input throw
 * INVALID_ARGUMENT. Departure: matrix rows not summing to 1 within 1e-6 throw (scikit-learn warns
 * and scores them as given).
 *
 * @example logLoss(['spam', 'ham', 'ham', 'spam'], [[0.1, 0.9], [0.9, 0.1], [0.8, 0.2], [0.35, 0.65]]) // 0.21616
 */
export function logLoss(
  yTrue: LabelArray,
  yProb: ArrayLike<number> | ArrayLike<ArrayLike<number>>,
  options: LogLossOptions = {},
): number {
  const rows = logLossRows('logLoss', yTrue, yProb, options.labels, options.sampleWeight);
  return weightedMean('logLoss', rows, options.sampleWeight, options.normalize ?? true);
}

/** The loss of every row (validated as logLoss validates). */
export function logLossRows(
  fn: string,
  yTrue: LabelArray,
  yProb: ArrayLike<number> | ArrayLike<ArrayLike<number>>,
  labels: readonly Label[] | undefined,
  sampleWeight: ArrayLike<number> | undefined,
): Float64Array {
  if (isMatrix(yProb)) return logLossPerRow(probabilisticTarget(fn, yTrue, yProb, labels, sampleWeight));
  const { isPos, p } = binaryProbabilities(fn, yTrue, yProb as ArrayLike<number>, labels, sampleWeight);
  const out = new Float64Array(isPos.length);
  for (let i = 0; i < out.length; i++) {
    const q = isPos[i] ? p[i]! : 1 - p[i]!;
    out[i] = -Math.log(Math.min(Math.max(q, EPS), 1 - EPS));
  }
  return out;
}

/** −log of the clipped probability of each row's true class. */
export function logLossPerRow({ truth, columns, n }: ProbabilisticTarget): Float64Array {
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const p = columns[truth[i]!]![i]!;
    out[i] = -Math.log(Math.min(Math.max(p, EPS), 1 - EPS));
  }
  return out;
}
