import type { Alternative, NanPolicy, Sample, TestResult } from '../../input.js';
import { ndtr } from '../../special/index.js';
import { checkAlternative, checkChoice, prepareSamples, sorted } from './common.js';
import { mwuExactSf } from './mannwhitneyu-exact.js';

export type MannwhitneyuMethod = 'auto' | 'exact' | 'asymptotic';

export interface MannwhitneyuOptions {
  /** 'two-sided' (default), 'less' (x stochastically smaller) or 'greater'. */
  alternative?: Alternative;
  /** Subtract 1/2 from |U - mean| in the normal approximation (default true); no effect when exact. */
  useContinuity?: boolean;
  /** 'auto' (default): exact when either size is <= 8 and there are no ties, else asymptotic. */
  method?: MannwhitneyuMethod;
  /** scipy's nan_policy; 'propagate' (default) gives NaN results. */
  nanPolicy?: NanPolicy;
}

const METHODS: readonly MannwhitneyuMethod[] = ['auto', 'exact', 'asymptotic'];

/**
 * Mann-Whitney U test as `scipy.stats.mannwhitneyu`. The statistic is U1 = R1 - n1(n1+1)/2 of
 * `x`, with average ranks for ties. Asymptotic p-value: normal approximation with the tie-
 * corrected variance n1·n2/12 · ((n+1) - Σ(t³-t)/(n(n-1))) and optional continuity correction.
 * Exact p-value: the null distribution of U without ties (ties are not corrected for, and a
 * fractional U is truncated, as scipy does). 'auto' picks exact when min(n1, n2) <= 8 and there
 * are no ties. Empty samples give NaN. Ranks come from a merge of the two radix-sorted samples.
 *
 * @example mannwhitneyu([19, 22, 16, 29, 24], [20, 11, 17, 12], { method: 'exact' }); // { statistic: 17, pvalue: 0.1111111111111111 }
 */
export function mannwhitneyu(x: Sample, y: Sample, options: MannwhitneyuOptions = {}): TestResult {
  const {
    alternative = 'two-sided',
    useContinuity = true,
    method = 'auto',
    nanPolicy = 'propagate',
  } = options;
  checkAlternative('mannwhitneyu', alternative);
  checkChoice('mannwhitneyu', 'method', method, METHODS);
  const prepared = prepareSamples([x, y], nanPolicy, 'mannwhitneyu');
  if (prepared === null || prepared[0]!.length === 0 || prepared[1]!.length === 0) {
    return { statistic: Number.NaN, pvalue: Number.NaN };
  }
  const n1 = prepared[0]!.length;
  const n2 = prepared[1]!.length;
  const { rankSum, tieTerm, hasTies } = rankSumOfFirst(sorted(prepared[0]!), sorted(prepared[1]!));
  const u1 = rankSum - (n1 * (n1 + 1)) / 2;
  const u2 = n1 * n2 - u1;
  // U is the statistic whose upper tail gives the p-value; two-sided doubles it.
  const u = alternative === 'greater' ? u1 : alternative === 'less' ? u2 : Math.max(u1, u2);
  const factor = alternative === 'two-sided' ? 2 : 1;
  const chosen = method === 'auto' ? ((n1 > 8 && n2 > 8) || hasTies ? 'asymptotic' : 'exact') : method;
  let p: number;
  if (chosen === 'exact') {
    p = mwuExactSf(Math.trunc(u), n1, n2);
  } else {
    const n = n1 + n2;
    const s = Math.sqrt(((n1 * n2) / 12) * (n + 1 - tieTerm / (n * (n - 1))));
    let numerator = u - (n1 * n2) / 2;
    if (useContinuity) numerator -= 0.5;
    p = ndtr(-(numerator / s));
  }
  return { statistic: u1, pvalue: Math.min(Math.max(p * factor, 0), 1) };
}

/**
 * Sum of the average ranks of x's values in the pooled sample, and Σ(t³ - t) over tie groups,
 * by merging the two sorted samples: a group of t equal values starting after `seen` values
 * has the average rank seen + (t + 1)/2.
 */
function rankSumOfFirst(
  x: Float64Array,
  y: Float64Array,
): { rankSum: number; tieTerm: number; hasTies: boolean } {
  const n1 = x.length;
  const n2 = y.length;
  let i = 0;
  let j = 0;
  let rankSum = 0;
  let tieTerm = 0;
  while (i < n1 || j < n2) {
    const v = j >= n2 || (i < n1 && x[i]! <= y[j]!) ? x[i]! : y[j]!;
    const i0 = i;
    const j0 = j;
    while (i < n1 && x[i] === v) i++;
    while (j < n2 && y[j] === v) j++;
    const t = i - i0 + (j - j0);
    rankSum += (i - i0) * (i0 + j0 + (t + 1) / 2);
    tieTerm += t * t * t - t;
  }
  return { rankSum, tieTerm, hasTies: tieTerm > 0 };
}
