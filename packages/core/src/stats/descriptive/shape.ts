import { applyNanPolicy, type NanPolicy, type Sample } from '../input.js';
import { pairwiseSum } from './pairwise-sum.js';

export interface SkewOptions {
  /** false applies the small-sample correction √(n(n-1))/(n-2) (needs n > 2). Default true. */
  bias?: boolean;
  /** scipy's nan_policy; default 'propagate' (NaN in, NaN out). */
  nanPolicy?: NanPolicy;
}

export interface KurtosisOptions {
  /** true (default) subtracts 3 (excess kurtosis, 0 for a normal); false gives Pearson's. */
  fisher?: boolean;
  /** false applies the k-statistic correction (needs n > 3). Default true. */
  bias?: boolean;
  /** scipy's nan_policy; default 'propagate'. */
  nanPolicy?: NanPolicy;
}

const EPS = 2.220446049250313e-16;

/**
 * Sample skewness as `scipy.stats.skew`: the Fisher-Pearson coefficient m3 / m2^1.5 with
 * biased central moments m_k = mean((x - mean)^k); with `bias: false`, the adjusted coefficient
 * √(n(n-1))/(n-2) · m3 / m2^1.5 when n > 2. Computed exactly as scipy does (numpy's pairwise
 * sums), so results agree to the last bits.
 *
 * Like scipy, returns NaN when the data are (nearly) identical, i.e. m2 <= (ε·mean)², rather
 * than a meaningless ratio of rounding errors; also NaN for empty input.
 *
 * @example skew([2, 8, 0, 4, 1, 9, 9, 0]); // 0.2650554122698573
 */
export function skew(x: Sample, options: SkewOptions = {}): number {
  const { bias = true, nanPolicy = 'propagate' } = options;
  const a = applyNanPolicy(x, nanPolicy, 'skew');
  if (a === null) return Number.NaN;
  const n = a.length;
  const { mean, m2, zero } = centralMoment2(a);
  const m3 = pairwiseSum(a, mean, 3) / n;
  if (zero) return Number.NaN;
  if (!bias && n > 2) return ((Math.sqrt((n - 1) * n) / (n - 2)) * m3) / m2 ** 1.5;
  return m3 / m2 ** 1.5;
}

/**
 * Kurtosis as `scipy.stats.kurtosis`: m4 / m2² minus 3 when `fisher` (the default, so a normal
 * sample gives about 0), with biased central moments m_k = mean((x - mean)^k). With
 * `bias: false` and n > 3, the unbiased estimator from k-statistics:
 * ((n²-1)·m4/m2² - 3(n-1)²) / ((n-2)(n-3)) + 3, minus 3 when `fisher`.
 *
 * Like scipy, returns NaN when the data are (nearly) identical (m2 <= (ε·mean)²) and for
 * empty input.
 *
 * @example kurtosis([1, 2, 3, 4, 5]); // -1.3
 */
export function kurtosis(x: Sample, options: KurtosisOptions = {}): number {
  const { fisher = true, bias = true, nanPolicy = 'propagate' } = options;
  const a = applyNanPolicy(x, nanPolicy, 'kurtosis');
  if (a === null) return Number.NaN;
  const n = a.length;
  const { mean, m2, zero } = centralMoment2(a);
  const m4 = pairwiseSum(a, mean, 4) / n;
  if (zero) return Number.NaN;
  let value = m4 / (m2 * m2);
  if (!bias && n > 3) {
    value = (1 / (n - 2) / (n - 3)) * (((n * n - 1) * m4) / (m2 * m2) - 3 * (n - 1) ** 2) + 3;
  }
  return fisher ? value - 3 : value;
}

/** scipy's mean, m2 and its "data are constant" test, shared by skew and kurtosis. */
function centralMoment2(a: Float64Array): { mean: number; m2: number; zero: boolean } {
  const n = a.length;
  const mean = pairwiseSum(a) / n;
  const m2 = pairwiseSum(a, mean, 2) / n;
  return { mean, m2, zero: m2 <= (EPS * mean) ** 2 };
}
