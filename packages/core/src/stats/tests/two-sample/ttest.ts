import { VigieError } from '../../../errors/index.js';
import { mean, variance } from '../../descriptive/index.js';
import { studentT } from '../../distributions/index.js';
import {
  type Alternative,
  hasNaN,
  type NanPolicy,
  type Sample,
  type TestResult,
  toFloat64,
} from '../../input.js';
import { checkAlternative, checkChoice, prepareSamples } from './common.js';

export interface TtestResult extends TestResult {
  /** Degrees of freedom of the Student t reference distribution (Welch's may be fractional). */
  df: number;
}

export interface TtestOptions {
  /** 'two-sided' (default), 'less' (mean of the first below) or 'greater'. */
  alternative?: Alternative;
  /** scipy's nan_policy; 'propagate' (default) gives NaN results. */
  nanPolicy?: NanPolicy;
}

export interface TtestIndOptions extends TtestOptions {
  /** Pooled-variance Student test (default true); false gives Welch's test. */
  equalVar?: boolean;
}

const NAN_RESULT: TtestResult = { statistic: Number.NaN, pvalue: Number.NaN, df: Number.NaN };

/**
 * Two-sample t-test for independent samples as `scipy.stats.ttest_ind`: t = (mean(a) - mean(b)) / se.
 * Student (equalVar true, default): pooled variance with df = n1 + n2 - 2 (a sample of one
 * contributes no variance). Welch (equalVar false): se² = v1/n1 + v2/n2, Welch-Satterthwaite df
 * (1 when it is undefined). Variances are ddof = 1, formed as scipy forms them (numpy mean of
 * squared deviations times n/(n-1)), so constant samples give NaN exactly where scipy does.
 * Empty samples give NaN.
 *
 * @example ttestInd([20, 11, 17, 12], [19, 22, 16, 29, 24], { alternative: 'less' }); // { statistic: -2.239334696520584, pvalue: 0.030068441095757924, df: 7 }
 */
export function ttestInd(a: Sample, b: Sample, options: TtestIndOptions = {}): TtestResult {
  const { equalVar = true, alternative = 'two-sided', nanPolicy = 'propagate' } = options;
  checkAlternative('ttestInd', alternative);
  const prepared = prepareSamples([a, b], nanPolicy, 'ttestInd');
  if (prepared === null || prepared[0]!.length === 0 || prepared[1]!.length === 0) return { ...NAN_RESULT };
  const x = prepared[0]!;
  const y = prepared[1]!;
  const n1 = x.length;
  const n2 = y.length;
  const v1 = sampleVariance(x);
  const v2 = sampleVariance(y);
  let df: number;
  let denom: number;
  if (equalVar) {
    df = n1 + n2 - 2.0;
    const svar = ((n1 - 1) * (n1 === 1 ? 0 : v1) + (n2 - 1) * (n2 === 1 ? 0 : v2)) / df;
    denom = Math.sqrt(svar * (1.0 / n1 + 1.0 / n2));
  } else {
    const vn1 = v1 / n1;
    const vn2 = v2 / n2;
    df = (vn1 + vn2) ** 2 / (vn1 ** 2 / (n1 - 1) + vn2 ** 2 / (n2 - 1));
    if (Number.isNaN(df)) df = 1.0;
    denom = Math.sqrt(vn1 + vn2);
  }
  const t = (mean(x) - mean(y)) / denom;
  return { statistic: t, pvalue: tPvalue(t, df, alternative), df };
}

/**
 * One-sample t-test as `scipy.stats.ttest_1samp`: t = (mean(a) - popmean) / sqrt(var(a, ddof=1) / n),
 * df = n - 1. An empty sample gives NaN results (df NaN); a single value gives NaN with df 0.
 *
 * @example ttest1samp([5.1, 4.9, 5.6, 5.8, 6.0], 5); // { statistic: 2.304073731539131, pvalue: 0.0825682967457740, df: 4 }
 */
export function ttest1samp(a: Sample, popmean: number, options: TtestOptions = {}): TtestResult {
  const { alternative = 'two-sided', nanPolicy = 'propagate' } = options;
  checkAlternative('ttest1samp', alternative);
  const prepared = prepareSamples([a], nanPolicy, 'ttest1samp');
  if (prepared === null || Number.isNaN(popmean)) return { ...NAN_RESULT };
  return oneSample(prepared[0]!, popmean, alternative);
}

/**
 * Paired t-test as `scipy.stats.ttest_rel`: the one-sample test of a - b against 0. The samples
 * must have the same length. nanPolicy 'omit' drops the pairs where either value is NaN.
 *
 * @example ttestRel([1, 2, 3, 4], [1.5, 2.5, 2.9, 4.8]); // { statistic: -2.251705007010574, pvalue: 0.1097647297621812, df: 3 }
 */
export function ttestRel(a: Sample, b: Sample, options: TtestOptions = {}): TtestResult {
  const { alternative = 'two-sided', nanPolicy = 'propagate' } = options;
  checkAlternative('ttestRel', alternative);
  checkChoice('ttestRel', 'nanPolicy', nanPolicy, ['propagate', 'omit', 'raise']);
  if (a.length !== b.length) {
    throw new VigieError(
      'INVALID_ARGUMENT',
      `ttestRel: samples must have the same length, got ${a.length} and ${b.length}`,
    );
  }
  const anyNaN = hasNaN(a) || hasNaN(b);
  if (anyNaN && nanPolicy === 'raise') {
    throw new VigieError('INVALID_ARGUMENT', "ttestRel: the input contains NaN (nanPolicy 'raise')");
  }
  if (anyNaN && nanPolicy === 'propagate') return { ...NAN_RESULT };
  const x = toFloat64(a);
  const y = toFloat64(b);
  const diff: number[] = [];
  for (let i = 0; i < x.length; i++) {
    const d = x[i]! - y[i]!;
    if (!(Number.isNaN(x[i]!) || Number.isNaN(y[i]!))) diff.push(d);
  }
  return oneSample(Float64Array.from(diff), 0, alternative);
}

function oneSample(x: Float64Array, popmean: number, alternative: Alternative): TtestResult {
  const n = x.length;
  if (n === 0) return { ...NAN_RESULT };
  const df = n - 1;
  const t = (mean(x) - popmean) / Math.sqrt(sampleVariance(x) / n);
  return { statistic: t, pvalue: tPvalue(t, df, alternative), df };
}

/** scipy's `_var(x, ddof=1)`: the mean of squared deviations (numpy pairwise), times n/(n-1). */
function sampleVariance(x: Float64Array): number {
  const n = x.length;
  return variance(x) * (n / (n - 1));
}

function tPvalue(t: number, df: number, alternative: Alternative): number {
  if (alternative === 'less') return studentT.cdf(t, df);
  if (alternative === 'greater') return studentT.sf(t, df);
  return 2 * studentT.sf(Math.abs(t), df);
}
