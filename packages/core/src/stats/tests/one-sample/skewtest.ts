import { skew } from '../../descriptive/index.js';
import {
  type Alternative,
  applyNanPolicy,
  type NanPolicy,
  type Sample,
  type TestResult,
} from '../../input.js';
import { normalPvalue } from './normal-pvalue.js';

export interface SkewtestOptions {
  /** 'less' / 'greater': the population skewness is below / above 0. Default 'two-sided'. */
  alternative?: Alternative;
  /** scipy's nan_policy; default 'propagate'. */
  nanPolicy?: NanPolicy;
}

/**
 * D'Agostino's test that the skewness is that of a normal population (0), as
 * `scipy.stats.skewtest`: the biased sample skewness √b1 = m3 / m2^1.5 is mapped to an
 * approximately standard normal Z by D'Agostino's Johnson-SU transformation; p-value from the
 * normal law. Needs n >= 8: smaller samples (after NaN removal with 'omit') give NaN, as scipy
 * (which also warns). Constant input gives NaN (skew is undefined). As scipy, a skewness of
 * exactly 0 is replaced by 1 inside the transformation (so [1, ..., 8] gives Z = 1.0108).
 *
 * @example skewtest([1, 2, 3, 4, 5, 6, 7, 8000]); // { statistic: 3.571773510360407, pvalue: 0.0003545719905823133 }
 */
export function skewtest(a: Sample, options: SkewtestOptions = {}): TestResult {
  const { alternative = 'two-sided', nanPolicy = 'propagate' } = options;
  const x = applyNanPolicy(a, nanPolicy, 'skewtest');
  if (x === null) return { statistic: Number.NaN, pvalue: Number.NaN };
  const statistic = skewZ(x);
  return { statistic, pvalue: normalPvalue(statistic, alternative, 'skewtest') };
}

/** The Z score of skewtest for a NaN-free sample (NaN below 8 values). */
export function skewZ(x: Float64Array): number {
  const n = x.length;
  if (n < 8) return Number.NaN;
  const b2 = skew(x);
  let y = b2 * Math.sqrt(((n + 1) * (n + 3)) / (6.0 * (n - 2)));
  const beta2 = (3.0 * (n * n + 27 * n - 70) * (n + 1) * (n + 3)) / ((n - 2.0) * (n + 5) * (n + 7) * (n + 9));
  const w2 = -1 + Math.sqrt(2 * (beta2 - 1));
  const delta = 1 / Math.sqrt(0.5 * Math.log(w2));
  const alpha = Math.sqrt(2.0 / (w2 - 1));
  if (y === 0) y = 1;
  const ya = y / alpha;
  return delta * Math.log(ya + Math.sqrt(ya * ya + 1));
}
