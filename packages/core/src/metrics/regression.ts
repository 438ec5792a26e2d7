import { absoluteErrorMedian } from './absolute-error-median.js';
import { checkFinite, checkLengths, checkSampleWeight, invalid } from './validate.js';
import { weightedMean } from './weighted-mean.js';
import { weightedMedian } from './weighted-median.js';

const EPS = 2.220446049250313e-16;

export interface RegressionOptions {
  sampleWeight?: ArrayLike<number>;
}

/**
 * Checks a regression pair as scikit-learn's _check_reg_targets (one output): equal non-zero
 * lengths and valid weights. Finiteness is checked after the fact (see `finite`), which saves
 * two passes over the data.
 */
function checkTargets(
  fn: string,
  yTrue: ArrayLike<number>,
  yPred: ArrayLike<number>,
  w?: ArrayLike<number>,
): number {
  const n = checkLengths(fn, { yTrue, yPred });
  checkSampleWeight(fn, w, n);
  return n;
}

/**
 * NaN and ±∞ in the inputs always reach the sums, so a finite sum proves finite inputs; a
 * non-finite one is traced to its row and refused (NaN and ±∞ throw INVALID_ARGUMENT, as
 * scikit-learn raises), unless every input is finite (a genuine overflow, returned as numpy would).
 */
function finite(fn: string, value: number, yTrue: ArrayLike<number>, yPred: ArrayLike<number>): number {
  if (!Number.isFinite(value)) {
    checkFinite(fn, 'yTrue', yTrue);
    checkFinite(fn, 'yPred', yPred);
  }
  return value;
}

/**
 * Mean squared error, as sklearn.metrics.mean_squared_error: Σ w·(y − ŷ)² / Σ w (w = 1 without
 * weights). One output. NaN or infinite values, mismatched lengths, empty input and weights
 * summing to 0 throw INVALID_ARGUMENT.
 *
 * @example meanSquaredError([3, -0.5, 2, 7], [2.5, 0.0, 2, 8]) // 0.375
 */
export function meanSquaredError(
  yTrue: ArrayLike<number>,
  yPred: ArrayLike<number>,
  options: RegressionOptions = {},
): number {
  const fn = 'meanSquaredError';
  checkTargets(fn, yTrue, yPred, options.sampleWeight);
  return finite(fn, meanSquared(fn, yTrue, yPred, options.sampleWeight), yTrue, yPred);
}

/**
 * Root mean squared error, as sklearn.metrics.root_mean_squared_error: √MSE (same policies as
 * meanSquaredError).
 *
 * @example rootMeanSquaredError([3, -0.5, 2, 7], [2.5, 0.0, 2, 8]) // 0.6124
 */
export function rootMeanSquaredError(
  yTrue: ArrayLike<number>,
  yPred: ArrayLike<number>,
  options: RegressionOptions = {},
): number {
  const fn = 'rootMeanSquaredError';
  checkTargets(fn, yTrue, yPred, options.sampleWeight);
  return Math.sqrt(finite(fn, meanSquared(fn, yTrue, yPred, options.sampleWeight), yTrue, yPred));
}

/**
 * Mean absolute error, as sklearn.metrics.mean_absolute_error: Σ w·|y − ŷ| / Σ w (same policies as
 * meanSquaredError).
 *
 * @example meanAbsoluteError([3, -0.5, 2, 7], [2.5, 0.0, 2, 8]) // 0.5
 */
export function meanAbsoluteError(
  yTrue: ArrayLike<number>,
  yPred: ArrayLike<number>,
  options: RegressionOptions = {},
): number {
  const fn = 'meanAbsoluteError';
  const w = options.sampleWeight;
  const n = checkTargets(fn, yTrue, yPred, w);
  let sum = 0;
  let wsum = 0;
  if (w === undefined) {
    for (let i = 0; i < n; i++) sum += Math.abs(yPred[i]! - yTrue[i]!);
    return finite(fn, sum / n, yTrue, yPred);
  }
  for (let i = 0; i < n; i++) {
    sum += Math.abs(yPred[i]! - yTrue[i]!) * w[i]!;
    wsum += w[i]!;
  }
  return finite(fn, ratio(fn, sum, wsum), yTrue, yPred);
}

/**
 * Mean absolute percentage error, as sklearn.metrics.mean_absolute_percentage_error:
 * Σ w·|y − ŷ| / max(|y|, ε) / Σ w with ε = 2.22e-16, so a zero target gives a huge (not
 * infinite) error, as scikit-learn. A fraction, not a percentage: 0.1 means 10%. Same policies
 * as meanSquaredError.
 *
 * @example meanAbsolutePercentageError([3, -0.5, 2, 7], [2.5, 0.0, 2, 8]) // 0.3274
 */
export function meanAbsolutePercentageError(
  yTrue: ArrayLike<number>,
  yPred: ArrayLike<number>,
  options: RegressionOptions = {},
): number {
  const fn = 'meanAbsolutePercentageError';
  const w = options.sampleWeight;
  const n = checkTargets(fn, yTrue, yPred, w);
  let sum = 0;
  let wsum = 0;
  if (w === undefined) {
    for (let i = 0; i < n; i++) {
      const t = yTrue[i]!;
      sum += Math.abs(yPred[i]! - t) / Math.max(Math.abs(t), EPS);
    }
  } else {
    for (let i = 0; i < n; i++) {
      const t = yTrue[i]!;
      sum += (Math.abs(yPred[i]! - t) / Math.max(Math.abs(t), EPS)) * w[i]!;
      wsum += w[i]!;
    }
  }
  return finite(fn, w === undefined ? sum / n : ratio(fn, sum, wsum), yTrue, yPred);
}

/**
 * Median absolute error, as sklearn.metrics.median_absolute_error: the median of |y − ŷ| (numpy's
 * median: the mean of the two middle values for even n); with weights, scikit-learn's weighted
 * median ('averaged_inverted_cdf': the smallest error whose cumulative weight reaches half the
 * total, averaged with the next when it reaches it exactly). Same policies as meanSquaredError.
 *
 * @example medianAbsoluteError([3, -0.5, 2, 7], [2.5, 0.0, 2, 8]) // 0.5
 */
export function medianAbsoluteError(
  yTrue: ArrayLike<number>,
  yPred: ArrayLike<number>,
  options: RegressionOptions = {},
): number {
  const fn = 'medianAbsoluteError';
  const n = checkTargets(fn, yTrue, yPred, options.sampleWeight);
  if (options.sampleWeight === undefined) {
    const { median, total } = absoluteErrorMedian(yTrue, yPred);
    finite(fn, total, yTrue, yPred);
    return median;
  }
  const errors = absoluteErrors(yTrue, yPred);
  let total = 0;
  for (let i = 0; i < n; i++) total += errors[i]!;
  finite(fn, total, yTrue, yPred);
  const m = weightedMedian(errors, options.sampleWeight);
  if (Number.isNaN(m)) invalid(fn, 'the sample weights sum to 0');
  return m;
}

export interface R2ScoreOptions extends RegressionOptions {
  /** Default true: a constant yTrue scores 1 when predicted exactly and 0 otherwise, instead of NaN / −∞. */
  forceFinite?: boolean;
}

/**
 * Coefficient of determination, as sklearn.metrics.r2_score: 1 − Σ w·(y − ŷ)² / Σ w·(y − ȳ)²,
 * ȳ the weighted mean of yTrue. With `forceFinite` (default), a constant yTrue gives 1 for a
 * perfect prediction and 0 otherwise. Departure: fewer than two rows throw INVALID_ARGUMENT
 * (scikit-learn warns and returns NaN). Other policies as meanSquaredError.
 *
 * @example r2Score([3, -0.5, 2, 7], [2.5, 0.0, 2, 8]) // 0.9486
 */
export function r2Score(
  yTrue: ArrayLike<number>,
  yPred: ArrayLike<number>,
  options: R2ScoreOptions = {},
): number {
  const fn = 'r2Score';
  const w = options.sampleWeight;
  const n = checkTargets(fn, yTrue, yPred, w);
  if (n < 2) invalid(fn, 'R² is not defined with fewer than two rows');
  const mean = weightedMean(fn, yTrue, w);
  let num = 0;
  let den = 0;
  // Two loops rather than `w === undefined ? 1 : w[i]` in one, which the compiler boxes.
  if (w === undefined) {
    for (let i = 0; i < n; i++) {
      const e = yTrue[i]! - yPred[i]!;
      const d = yTrue[i]! - mean;
      num += e * e;
      den += d * d;
    }
  } else {
    for (let i = 0; i < n; i++) {
      const e = yTrue[i]! - yPred[i]!;
      const d = yTrue[i]! - mean;
      num += w[i]! * (e * e);
      den += w[i]! * (d * d);
    }
  }
  finite(fn, num + den, yTrue, yPred);
  if (!(options.forceFinite ?? true)) return 1 - num / den;
  if (num === 0) return 1;
  if (den === 0) return 0;
  return 1 - num / den;
}

/** Σ w·(y − ŷ)² / Σ w without materializing the errors. */
function meanSquared(
  fn: string,
  yTrue: ArrayLike<number>,
  yPred: ArrayLike<number>,
  w?: ArrayLike<number>,
): number {
  const n = yTrue.length;
  let sum = 0;
  let wsum = 0;
  if (w === undefined) {
    for (let i = 0; i < n; i++) {
      const d = yTrue[i]! - yPred[i]!;
      sum += d * d;
    }
    return sum / n;
  }
  for (let i = 0; i < n; i++) {
    const d = yTrue[i]! - yPred[i]!;
    sum += d * d * w[i]!;
    wsum += w[i]!;
  }
  return ratio(fn, sum, wsum);
}

function ratio(fn: string, sum: number, wsum: number): number {
  if (wsum === 0) invalid(fn, 'the sample weights sum to 0');
  return sum / wsum;
}

export function squaredErrors(yTrue: ArrayLike<number>, yPred: ArrayLike<number>): Float64Array {
  const out = new Float64Array(yTrue.length);
  for (let i = 0; i < out.length; i++) {
    const d = yTrue[i]! - yPred[i]!;
    out[i] = d * d;
  }
  return out;
}

export function absoluteErrors(yTrue: ArrayLike<number>, yPred: ArrayLike<number>): Float64Array {
  const out = new Float64Array(yTrue.length);
  for (let i = 0; i < out.length; i++) out[i] = Math.abs(yPred[i]! - yTrue[i]!);
  return out;
}

export function percentageErrors(yTrue: ArrayLike<number>, yPred: ArrayLike<number>): Float64Array {
  const out = new Float64Array(yTrue.length);
  for (let i = 0; i < out.length; i++) {
    const t = yTrue[i]!;
    out[i] = Math.abs(yPred[i]! - t) / Math.max(Math.abs(t), EPS);
  }
  return out;
}
