import { VigieError } from '../../../errors/index.js';
import { mean, variance } from '../../descriptive/index.js';
import { fDist } from '../../distributions/index.js';
import type { NanPolicy, Sample, TestResult } from '../../input.js';
import { concat, numpySum, prepareSamples } from './common.js';

export interface FOnewayOptions {
  /** Classic ANOVA with a pooled variance (default true); false gives Welch's ANOVA. */
  equalVar?: boolean;
  /** scipy's nan_policy; 'propagate' (default) gives NaN results. */
  nanPolicy?: NanPolicy;
}

/**
 * One-way ANOVA as `scipy.stats.f_oneway(*samples)`: F = (SS_between / (k-1)) / (SS_within / (N-k)),
 * p = F.sf(F, k-1, N-k), sums of squares about the grand mean. F is +Infinity when every sample
 * is constant (p 0) and NaN when all values are equal; any empty sample, or all samples of size
 * one, gives NaN. At least two samples. Options (Welch, nanPolicy) through `fOnewayWithOptions`.
 *
 * @example fOneway([1, 2, 3], [2, 3, 4], [5, 6, 7]); // { statistic: 13, pvalue: 0.006591796875 }
 */
export function fOneway(...samples: Sample[]): TestResult {
  return fOnewayWithOptions(samples, {});
}

/**
 * `fOneway` with options, since options cannot follow the rest parameter: `equalVar` false gives
 * Welch's heteroscedastic ANOVA (scipy's `equal_var=False`), `nanPolicy` as scipy's nan_policy.
 *
 * @example fOnewayWithOptions([[1, 2, 4], [1, 2, 7], [3, 3, 4, 6]], { equalVar: false }); // { statistic: 0.9266799769659384, pvalue: 0.4692492721428493 }
 */
export function fOnewayWithOptions(samples: readonly Sample[], options: FOnewayOptions = {}): TestResult {
  const { equalVar = true, nanPolicy = 'propagate' } = options;
  if (samples.length < 2) {
    throw new VigieError(
      'INVALID_ARGUMENT',
      `fOneway: at least two samples are required, got ${samples.length}`,
    );
  }
  const groups = prepareSamples(samples, nanPolicy, 'fOneway');
  if (groups === null || groups.some((g) => g.length === 0) || groups.every((g) => g.length === 1)) {
    return { statistic: Number.NaN, pvalue: Number.NaN };
  }
  const { f, dfn, dfd } = equalVar ? classic(groups) : welch(groups);
  let statistic = f;
  const all = concat(groups);
  if (isConstant(all)) statistic = Number.NaN;
  else if (groups.every(isConstant)) statistic = Number.POSITIVE_INFINITY;
  // scipy's fdtrc gives NaN below 0, which rounding can reach when the group means coincide.
  const pvalue = statistic < 0 ? Number.NaN : fDist.sf(statistic, dfn, dfd);
  return { statistic, pvalue };
}

interface FParts {
  f: number;
  dfn: number;
  dfd: number;
}

function classic(groups: Float64Array[]): FParts {
  const all = concat(groups);
  const bign = all.length;
  const k = groups.length;
  const offset = mean(all);
  const normalizedSs = numpySum(all, offset) ** 2.0 / bign;
  // scipy takes Σ(x - offset)² with a BLAS dot; the pairwise sum agrees to rounding.
  const sstot = variance(all) * bign - normalizedSs;
  let ssbn = 0;
  for (const g of groups) ssbn += numpySum(g, offset) ** 2.0 / g.length;
  ssbn -= normalizedSs;
  const sswn = sstot - ssbn;
  const dfbn = k - 1;
  const dfwn = bign - k;
  return { f: ssbn / dfbn / (sswn / dfwn), dfn: dfbn, dfd: dfwn };
}

/** Welch (1951) with scipy's operation order: weights n/s², weighted grand mean, df (k-1, f2). */
function welch(groups: Float64Array[]): FParts {
  const k = groups.length;
  const w = groups.map((g) => g.length / variance(g, { ddof: 1 }));
  const y = groups.map((g) => mean(g));
  let sw = 0;
  let wy = 0;
  for (let i = 0; i < k; i++) {
    sw += w[i]!;
    wy += w[i]! * y[i]!;
  }
  const yHat = wy / sw;
  let between = 0;
  let lambda = 0;
  for (let i = 0; i < k; i++) {
    between += w[i]! * (y[i]! - yHat) ** 2;
    lambda += (1 / (groups[i]!.length - 1)) * (1 - w[i]! / sw) ** 2;
  }
  const numerator = between / (k - 1);
  const denominator = 1 + ((2 * (k - 2)) / (k ** 2 - 1)) * lambda;
  return { f: numerator / denominator, dfn: k - 1, dfd: (k ** 2 - 1) / (3 * lambda) };
}

/** scipy's test `all(diff(x) == 0)`: true for one value; false across infinities (inf - inf is NaN). */
function isConstant(x: Float64Array): boolean {
  for (let i = 1; i < x.length; i++) if (x[i]! - x[i - 1]! !== 0) return false;
  return true;
}
