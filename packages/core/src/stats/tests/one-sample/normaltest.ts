import { chi2 } from '../../distributions/index.js';
import { applyNanPolicy, type NanPolicy, type Sample, type TestResult } from '../../input.js';
import { kurtosisZ } from './kurtosistest.js';
import { skewZ } from './skewtest.js';

/**
 * D'Agostino and Pearson's omnibus test of normality, as `scipy.stats.normaltest`: statistic
 * s² + k², s and k the Z scores of skewtest and kurtosistest; p-value from chi-squared with 2
 * degrees of freedom. Needs n >= 8 (NaN below, as scipy). NaN: nanPolicy ('propagate' default).
 *
 * @example normaltest([1, 2, 3, 4, 5, 6, 7, 8]); // { statistic: 1.7004056883060088, pvalue: 0.42732824212143383 }
 */
export function normaltest(a: Sample, options: { nanPolicy?: NanPolicy } = {}): TestResult {
  const x = applyNanPolicy(a, options.nanPolicy ?? 'propagate', 'normaltest');
  if (x === null) return { statistic: Number.NaN, pvalue: Number.NaN };
  const s = skewZ(x);
  const k = kurtosisZ(x);
  const statistic = s * s + k * k;
  return { statistic, pvalue: chi2.sf(statistic, 2) };
}
