import { invalid } from './validate.js';

/**
 * numpy.average as scikit-learn's _average uses it: Σ v / n, or Σ w·v / Σ w with weights; the
 * numerator alone when `normalize` is false. Weights summing to 0 throw (scikit-learn raises
 * ZeroDivisionError).
 */
export function weightedMean(
  fn: string,
  values: ArrayLike<number>,
  w?: ArrayLike<number>,
  normalize = true,
): number {
  const n = values.length;
  let sum = 0;
  if (w === undefined) {
    for (let i = 0; i < n; i++) sum += values[i]!;
    return normalize ? sum / n : sum;
  }
  let wsum = 0;
  for (let i = 0; i < n; i++) {
    sum += values[i]! * w[i]!;
    wsum += w[i]!;
  }
  if (!normalize) return sum;
  if (wsum === 0) invalid(fn, 'the sample weights sum to 0');
  return sum / wsum;
}
