import { kurtosis, mean, skew } from '../../descriptive/index.js';
import { chi2 } from '../../distributions/index.js';
import { applyNanPolicy, type NanPolicy, type Sample, type TestResult } from '../../input.js';

/**
 * Jarque-Bera test of normality, as `scipy.stats.jarque_bera`: statistic n/6 · (S² + K²/4) with
 * the biased sample skewness S and excess kurtosis K (computed on the centred data, as scipy);
 * p-value from chi-squared with 2 degrees of freedom, an asymptotic law only trustworthy for
 * large n (scipy suggests > 2000). Empty or constant input gives NaN. NaN: nanPolicy.
 *
 * @example jarqueBera([1, 2, 3, 4, 5, 6, 7, 8]); // { statistic: 0.5109599395313681, pvalue: 0.7745446507159859 }
 */
export function jarqueBera(a: Sample, options: { nanPolicy?: NanPolicy } = {}): TestResult {
  const x = applyNanPolicy(a, options.nanPolicy ?? 'propagate', 'jarqueBera');
  if (x === null || x.length === 0) return { statistic: Number.NaN, pvalue: Number.NaN };
  const n = x.length;
  const mu = mean(x);
  const centred = new Float64Array(n);
  for (let i = 0; i < n; i++) centred[i] = x[i]! - mu;
  const s = skew(centred);
  const k = kurtosis(centred);
  const statistic = (n / 6) * (s * s + (k * k) / 4);
  return { statistic, pvalue: chi2.sf(statistic, 2) };
}
