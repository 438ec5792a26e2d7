import { VigieError } from '../../../errors/index.js';
import { norm } from '../../distributions/index.js';
import type { Alternative, TestResult } from '../../input.js';

export interface ProportionsZtestOptions {
  /**
   * 'greater': p1 - p2 > value (statsmodels' 'larger'); 'less': p1 - p2 < value ('smaller').
   * Default 'two-sided'.
   */
  alternative?: Alternative;
  /** The difference p1 - p2 under the null (two samples, default 0), or p itself (one sample, required). */
  value?: number;
  /** A fixed proportion for the variance instead of the pooled one; false (default) pools. */
  propVar?: number | false;
}

/**
 * z-test for one or two proportions, as `statsmodels.stats.proportion.proportions_ztest`. Two
 * samples: z = (c1/n1 - c2/n2 - value) / √(p(1-p)(1/n1 + 1/n2)) with the pooled proportion
 * p = (c1 + c2)/(n1 + n2) (or `propVar`); one sample: z = (c/n - value) / √(p(1-p)/n) with
 * p = c/n (note: the observed proportion, as statsmodels). p-values from the normal law. A zero
 * variance gives ±Infinity (p-value 0 or 1) or NaN (0/0), as statsmodels. `nobs` may be one
 * number shared by both samples. Throws VigieError('INVALID_ARGUMENT') for a one-sample test
 * without `value` and VigieError('UNSUPPORTED') for more than two samples, as statsmodels raises.
 *
 * @example proportionsZtest([15, 25], [50, 50]); // { statistic: -2.041241452319315, pvalue: 0.041226833337163676 }
 */
export function proportionsZtest(
  count: number | ArrayLike<number>,
  nobs: number | ArrayLike<number>,
  options: ProportionsZtestOptions = {},
): TestResult {
  const { alternative = 'two-sided', propVar = false } = options;
  const counts = typeof count === 'number' ? [count] : Array.from(count);
  const k = counts.length;
  const sizes = typeof nobs === 'number' ? [nobs] : Array.from(nobs);
  // One nobs is shared by every sample, as statsmodels broadcasts it.
  if (sizes.length === 1) while (sizes.length < k) sizes.push(sizes[0]!);
  if (sizes.length !== k || k === 0) {
    throw new VigieError(
      'INVALID_ARGUMENT',
      `proportionsZtest: count and nobs must have the same length (${k} and ${sizes.length})`,
    );
  }
  if (k > 2) {
    throw new VigieError(
      'UNSUPPORTED',
      `proportionsZtest: at most two samples are supported (got ${k}), as statsmodels`,
    );
  }
  if (k === 1 && options.value === undefined) {
    throw new VigieError('INVALID_ARGUMENT', 'proportionsZtest: value must be given for a one-sample test');
  }
  const value = options.value ?? 0;
  const c0 = counts[0]!;
  const n0 = sizes[0]!;
  let diff: number;
  let pooled: number;
  let nobsFactor: number;
  if (k === 1) {
    diff = c0 / n0 - value;
    pooled = c0 / n0;
    nobsFactor = 1 / n0;
  } else {
    const c1 = counts[1]!;
    const n1 = sizes[1]!;
    diff = c0 / n0 - c1 / n1 - value;
    pooled = (c0 + c1) / (n0 + n1);
    nobsFactor = 1 / n0 + 1 / n1;
  }
  // statsmodels tests `if prop_var:`, so 0 also means "pool".
  if (propVar) pooled = propVar;
  const statistic = diff / Math.sqrt(pooled * (1 - pooled) * nobsFactor);
  return { statistic, pvalue: normalPvalue(statistic, alternative, 'proportionsZtest') };
}

function normalPvalue(z: number, alternative: Alternative, fn: string): number {
  if (alternative === 'two-sided') return 2 * norm.sf(Math.abs(z));
  if (alternative === 'greater') return norm.sf(z);
  if (alternative === 'less') return norm.cdf(z);
  throw new VigieError('INVALID_ARGUMENT', `${fn}: unknown alternative '${String(alternative)}'`);
}
