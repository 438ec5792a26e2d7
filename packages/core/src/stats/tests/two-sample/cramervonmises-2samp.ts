import type { NanPolicy, Sample, TestResult } from '../../input.js';
import { checkChoice, numpySum, prepareSamples, sorted } from './common.js';
import { cvmExactPvalue } from './cvm-exact.js';
import { cdfCvmInf } from './cvm-limit.js';

export type CramervonmisesMethod = 'auto' | 'exact' | 'asymptotic';

export interface Cramervonmises2sampOptions {
  /** 'auto' (default): exact when max(nx, ny) <= 20, else asymptotic. */
  method?: CramervonmisesMethod;
  /** scipy's nan_policy; 'propagate' (default) gives NaN results. */
  nanPolicy?: NanPolicy;
}

const METHODS: readonly CramervonmisesMethod[] = ['auto', 'exact', 'asymptotic'];

/**
 * Two-sample Cramér-von Mises test as `scipy.stats.cramervonmises_2samp`. With average ranks r
 * of the pooled sorted samples, U = nx Σ(r_xi - i)² + ny Σ(r_yj - j)² and
 * T = U/(nx·ny·N) - (4·nx·ny - 1)/(6N) (Anderson 1962). p-value: 'exact' from the null
 * distribution of U (Xiao et al. 2006; ties are not corrected for), 'asymptotic' from the
 * limiting one-sample distribution after Anderson's standardization (1 when the standardized
 * statistic is below 0.003). A sample with fewer than two values gives NaN, as scipy.
 *
 * @example cramervonmises2samp([1, 2, 3, 4], [2.5, 5, 6, 7]); // { statistic: 0.375, pvalue: 0.11428571428571428 }
 */
export function cramervonmises2samp(
  x: Sample,
  y: Sample,
  options: Cramervonmises2sampOptions = {},
): TestResult {
  const { method = 'auto', nanPolicy = 'propagate' } = options;
  checkChoice('cramervonmises2samp', 'method', method, METHODS);
  const prepared = prepareSamples([x, y], nanPolicy, 'cramervonmises2samp');
  if (prepared === null || prepared[0]!.length <= 1 || prepared[1]!.length <= 1) {
    return { statistic: Number.NaN, pvalue: Number.NaN };
  }
  const xs = sorted(prepared[0]!);
  const ys = sorted(prepared[1]!);
  const nx = xs.length;
  const ny = ys.length;
  const chosen = method === 'auto' ? (Math.max(nx, ny) > 20 ? 'asymptotic' : 'exact') : method;
  const { dx, dy } = rankDeviations(xs, ys);
  const u = nx * numpySum(dx) + ny * numpySum(dy);
  const k = nx * ny;
  const bigN = nx + ny;
  const t = u / (k * bigN) - (4 * k - 1) / (6 * bigN);
  const pvalue = chosen === 'exact' ? cvmExactPvalue(u, nx, ny) : asymptoticPvalue(t, bigN, nx, ny, k);
  return { statistic: t, pvalue };
}

/** Anderson (1962) eq. 11, 14 and 15: mean and variance of T, then the limiting cdf. */
function asymptoticPvalue(t: number, bigN: number, nx: number, ny: number, k: number): number {
  const et = (1 + 1 / bigN) / 6;
  const vt = ((bigN + 1) * (4 * k * bigN - 3 * (nx ** 2 + ny ** 2) - 2 * k)) / (45 * bigN ** 2 * 4 * k);
  const tn = 1 / 6 + (t - et) / Math.sqrt(45 * vt);
  // Below 0.003 the limiting cdf is under 1.3e-18: scipy returns 1 without evaluating it.
  return tn >= 0.003 ? Math.max(1 - cdfCvmInf(tn), 0) : 1;
}

/**
 * (r - i)² for the i-th smallest value of each sample (i from 1), r its average rank in the
 * pooled data, from a merge of the two sorted samples.
 */
function rankDeviations(x: Float64Array, y: Float64Array): { dx: Float64Array; dy: Float64Array } {
  const dx = new Float64Array(x.length);
  const dy = new Float64Array(y.length);
  let i = 0;
  let j = 0;
  while (i < x.length || j < y.length) {
    const v = j >= y.length || (i < x.length && x[i]! <= y[j]!) ? x[i]! : y[j]!;
    const i0 = i;
    const j0 = j;
    while (i < x.length && x[i] === v) i++;
    while (j < y.length && y[j] === v) j++;
    const rank = i0 + j0 + (i - i0 + (j - j0) + 1) / 2;
    for (let p = i0; p < i; p++) dx[p] = (rank - (p + 1)) ** 2;
    for (let p = j0; p < j; p++) dy[p] = (rank - (p + 1)) ** 2;
  }
  return { dx, dy };
}
