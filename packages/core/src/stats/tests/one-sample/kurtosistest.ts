import { kurtosis } from '../../descriptive/index.js';
import {
  type Alternative,
  applyNanPolicy,
  type NanPolicy,
  type Sample,
  type TestResult,
} from '../../input.js';
import { normalPvalue } from './normal-pvalue.js';

export interface KurtosistestOptions {
  /** 'less' / 'greater': the kurtosis is below / above a normal's. Default 'two-sided'. */
  alternative?: Alternative;
  /** scipy's nan_policy; default 'propagate'. */
  nanPolicy?: NanPolicy;
}

/**
 * Anscombe and Glynn's test that the kurtosis is that of a normal population, as
 * `scipy.stats.kurtosistest`: Pearson's biased kurtosis b2 = m4 / m2² is standardised with its
 * exact mean and variance under normality and mapped to an approximately standard normal Z by
 * Anscombe-Glynn's cube-root transformation; p-value from the normal law. Needs n >= 5: smaller
 * samples give NaN, as scipy (scipy also warns below 20, where the approximation is poor, but
 * computes). Constant input gives NaN; where the transformation divides by zero the statistic is
 * NaN, as scipy.
 *
 * @example kurtosistest(Array.from({ length: 20 }, (_, i) => i)); // { statistic: -1.7058104152122062, pvalue: 0.08804338332528348 }
 */
export function kurtosistest(a: Sample, options: KurtosistestOptions = {}): TestResult {
  const { alternative = 'two-sided', nanPolicy = 'propagate' } = options;
  const x = applyNanPolicy(a, nanPolicy, 'kurtosistest');
  if (x === null) return { statistic: Number.NaN, pvalue: Number.NaN };
  const statistic = kurtosisZ(x);
  return { statistic, pvalue: normalPvalue(statistic, alternative, 'kurtosistest') };
}

/** The Z score of kurtosistest for a NaN-free sample (NaN below 5 values). */
export function kurtosisZ(x: Float64Array): number {
  const n = x.length;
  if (n < 5) return Number.NaN;
  const b2 = kurtosis(x, { fisher: false });
  const e = (3.0 * (n - 1)) / (n + 1);
  const varb2 = (24.0 * n * (n - 2) * (n - 3)) / ((n + 1) * (n + 1.0) * (n + 3) * (n + 5));
  const z = (b2 - e) / Math.sqrt(varb2);
  const sqrtbeta1 =
    ((6.0 * (n * n - 5 * n + 2)) / ((n + 7) * (n + 9))) *
    Math.sqrt((6.0 * (n + 3) * (n + 5)) / (n * (n - 2) * (n - 3)));
  const A = 6.0 + (8.0 / sqrtbeta1) * (2.0 / sqrtbeta1 + Math.sqrt(1 + 4.0 / (sqrtbeta1 * sqrtbeta1)));
  const term1 = 1 - 2 / (9.0 * A);
  const denom = 1 + z * Math.sqrt(2 / (A - 4.0));
  const term2 = denom === 0 ? Number.NaN : Math.sign(denom) * ((1 - 2.0 / A) / Math.abs(denom)) ** (1 / 3);
  return (term1 - term2) / Math.sqrt(2 / (9.0 * A));
}
