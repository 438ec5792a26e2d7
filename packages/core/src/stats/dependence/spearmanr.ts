import { rankdata } from '../descriptive/index.js';
import { studentT } from '../distributions/index.js';
import type { Alternative, NanPolicy, Sample, TestResult } from '../input.js';
import { checkAlternative, clipUnit, isConstant, pairedNanPolicy, pairedSamples } from './paired.js';

export interface SpearmanrOptions {
  /** The alternative hypothesis about the correlation: 'two-sided' (default), 'less' or 'greater'. */
  alternative?: Alternative;
  /** scipy's nan_policy: 'propagate' (default) gives NaN, 'omit' drops pairs with a NaN, 'raise' throws. */
  nanPolicy?: NanPolicy;
}

const NAN_RESULT: TestResult = { statistic: Number.NaN, pvalue: Number.NaN };

/**
 * Spearman's rank correlation of two paired samples, as `scipy.stats.spearmanr(x, y)`: Pearson's
 * r of the average ranks (ties share the mean of their ranks), computed as numpy.corrcoef does,
 * with the p-value of t = r·√((n - 2) / ((1 + r)(1 - r))) on n - 2 degrees of freedom. Fewer
 * than 2 pairs or a constant sample give NaN (scipy warns); n = 2 gives a NaN p-value, as scipy.
 * nanPolicy 'omit' drops the pairs with a NaN and proceeds as above. Departure: scipy's 'omit'
 * goes through scipy.stats.mstats, which also drops ±Infinity, returns 0 (p = 1) when what is left
 * is constant and raises below 2 pairs.
 *
 * @example spearmanr([1, 2, 3, 4, 5], [5, 6, 7, 8, 7]).statistic; // 0.8207826816681233
 */
export function spearmanr(x: Sample, y: Sample, options: SpearmanrOptions = {}): TestResult {
  const alternative = checkAlternative(options.alternative ?? 'two-sided', 'spearmanr');
  const [a0, b0] = pairedSamples(x, y, 'spearmanr');
  const nanPolicy = options.nanPolicy ?? 'propagate';
  if (a0.length <= 1) return { ...NAN_RESULT };
  // scipy tests for constant input before looking at NaN.
  if (isConstant(a0) || isConstant(b0)) return { ...NAN_RESULT };
  const pair = pairedNanPolicy(a0, b0, nanPolicy, 'spearmanr');
  if (pair === null) return { ...NAN_RESULT };
  const [a, b] = pair;
  const n = a.length;
  if (n <= 1 || isConstant(a) || isConstant(b)) return { ...NAN_RESULT };
  const rs = rankCorrelation(rankdata(a), rankdata(b));
  const dof = n - 2;
  // (1 + r)(1 - r) can round to a tiny negative; scipy clips the ratio at 0.
  const ratio = dof / ((rs + 1) * (1 - rs));
  const t = rs * Math.sqrt(Math.max(ratio, 0));
  return { statistic: rs, pvalue: tPvalue(t, dof, alternative) };
}

/** numpy.corrcoef of two rank vectors: cov(x, y) / sd(x) / sd(y), each with divisor n - 1, clipped. */
function rankCorrelation(rx: Float64Array, ry: Float64Array): number {
  const n = rx.length;
  // Average ranks always have mean (n + 1) / 2.
  const m = (n + 1) / 2;
  let sxx = 0;
  let syy = 0;
  let sxy = 0;
  for (let i = 0; i < n; i++) {
    const dx = rx[i]! - m;
    const dy = ry[i]! - m;
    sxx += dx * dx;
    syy += dy * dy;
    sxy += dx * dy;
  }
  const f = 1 / (n - 1);
  const r = (sxy * f) / Math.sqrt(sxx * f) / Math.sqrt(syy * f);
  return clipUnit(r);
}

/** scipy's `_SimpleStudentT(dof)` tails at t (stdtr). */
function tPvalue(t: number, dof: number, alternative: Alternative): number {
  if (alternative === 'less') return studentT.cdf(t, dof);
  if (alternative === 'greater') return studentT.cdf(-t, dof);
  return 2 * studentT.cdf(-Math.abs(t), dof);
}
