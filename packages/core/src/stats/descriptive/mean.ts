import { type Sample, toFloat64 } from '../input.js';
import { pairwiseSum } from './pairwise-sum.js';

export interface VarianceOptions {
  /** Delta degrees of freedom: the divisor is n - ddof (numpy's default 0; 1 for the sample variance). */
  ddof?: number;
}

/**
 * Arithmetic mean as `numpy.mean`: numpy's pairwise sum divided by n, bit for bit. NaN
 * propagates; the mean of an empty sample is NaN (numpy warns and returns NaN).
 *
 * @example mean([1, 2, 3, 4]); // 2.5
 */
export function mean(x: Sample): number {
  const a = toFloat64(x);
  return pairwiseSum(a) / a.length;
}

/**
 * Variance as `numpy.var`: Σ(x - mean)² / (n - ddof) with ddof = 0 by default (the population
 * variance; pass `{ ddof: 1 }` for the unbiased sample variance). Two passes with numpy's
 * pairwise sums, bit-identical to numpy. When n - ddof <= 0 the divisor is 0 and the result is
 * Infinity or NaN, as in numpy. NaN propagates; empty input gives NaN.
 *
 * @example variance([1, 2, 3, 4]); // 1.25
 */
export function variance(x: Sample, options: VarianceOptions = {}): number {
  const ddof = options.ddof ?? 0;
  const a = toFloat64(x);
  const n = a.length;
  const center = pairwiseSum(a) / n;
  return pairwiseSum(a, center, 2) / Math.max(n - ddof, 0);
}

/**
 * Standard deviation as `numpy.std`: the square root of `variance(x, { ddof })`, ddof = 0 by
 * default (numpy's default, not the n - 1 of pandas and R). NaN propagates.
 *
 * @example std([1, 2, 3, 4], { ddof: 1 }); // 1.2909944487358056
 */
export function std(x: Sample, options: VarianceOptions = {}): number {
  return Math.sqrt(variance(x, options));
}
