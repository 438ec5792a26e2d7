import { VigieError } from '../../../errors/index.js';
import { mean } from '../../descriptive/index.js';
import { hasNaN, type NanPolicy, type Sample, type TestResult, toFloat64 } from '../../input.js';
import { gammaincc } from '../../special/index.js';
import { numpySum } from './numpy-sum.js';

/** The Cressie-Read power, as a number or one of scipy's names for it. */
export type PowerDivergenceLambda =
  | number
  | 'pearson'
  | 'log-likelihood'
  | 'freeman-tukey'
  | 'mod-log-likelihood'
  | 'neyman'
  | 'cressie-read';

const LAMBDA_NAMES: Readonly<Record<string, number>> = {
  pearson: 1,
  'log-likelihood': 0,
  'freeman-tukey': -0.5,
  'mod-log-likelihood': -1,
  neyman: -2,
  'cressie-read': 2 / 3,
};

export interface PowerDivergenceOptions {
  /** Delta degrees of freedom: the p-value uses k - 1 - ddof degrees of freedom. Default 0. */
  ddof?: number;
  /** The power of the divergence; default 1 ('pearson'). */
  lambda_?: PowerDivergenceLambda;
  /** scipy's nan_policy, applied to (fObs, fExp) pairs; default 'propagate'. */
  nanPolicy?: NanPolicy;
}

export interface ChisquareOptions {
  ddof?: number;
  nanPolicy?: NanPolicy;
  /** Check that fObs and fExp have the same total (relative tolerance √ε), as scipy. Default true. */
  sumCheck?: boolean;
}

// scipy compares the totals to this relative tolerance (sqrt of float64 epsilon).
const SUM_RTOL = 1.4901161193847656e-8;

/**
 * Cressie-Read power-divergence goodness-of-fit test, as `scipy.stats.power_divergence`:
 * statistic Σ 2/(λ(λ+1)) · o·((o/e)^λ - 1), with Pearson's X² at λ = 1, the G statistic
 * 2·Σ o·log(o/e) at λ = 0 and 2·Σ e·log(e/o) at λ = -1 (0·log 0 = 0); p-value from the
 * chi-squared upper tail with k - 1 - ddof degrees of freedom. Without `fExp` every category
 * expects the mean count. When `fExp` is given the totals must agree to a relative 1.5e-8 or it
 * throws, as scipy. Zero expected counts give infinite or NaN statistics, degrees of freedom
 * <= 0 a NaN (or 0) p-value, exactly as scipy. NaN: nanPolicy, applied pairwise.
 *
 * @example powerDivergence([16, 18, 16, 14, 12, 12], null, { lambda_: 'log-likelihood' }); // { statistic: 2.006573162632538, pvalue: 0.8482347677946377 }
 */
export function powerDivergence(
  fObs: Sample,
  fExp?: Sample | null,
  options: PowerDivergenceOptions = {},
): TestResult {
  const { ddof = 0, lambda_ = 1, nanPolicy = 'propagate' } = options;
  return goodnessOfFit(
    'powerDivergence',
    fObs,
    fExp ?? null,
    ddof,
    lambdaValue(lambda_, 'powerDivergence'),
    nanPolicy,
    true,
  );
}

/**
 * Pearson's chi-squared goodness-of-fit test, as `scipy.stats.chisquare`: X² = Σ (o - e)²/e
 * against chi-squared with k - 1 - ddof degrees of freedom; `fExp` defaults to equal
 * frequencies (the mean count). Throws VigieError('INVALID_ARGUMENT') when the totals of fObs and
 * fExp differ by more than a relative 1.5e-8 (scipy raises ValueError) unless `sumCheck` is false.
 * NaN: nanPolicy ('propagate' by default), pairwise when fExp is given.
 *
 * @example chisquare([16, 18, 16, 14, 12, 12]); // { statistic: 2, pvalue: 0.8491450360846096 }
 */
export function chisquare(fObs: Sample, fExp?: Sample | null, options: ChisquareOptions = {}): TestResult {
  const { ddof = 0, nanPolicy = 'propagate', sumCheck = true } = options;
  return goodnessOfFit('chisquare', fObs, fExp ?? null, ddof, 1, nanPolicy, sumCheck);
}

/** Resolves scipy's lambda_ names; unknown names throw as scipy's ValueError. */
export function lambdaValue(lambda: PowerDivergenceLambda, fn: string): number {
  if (typeof lambda === 'number') return lambda;
  const value = Object.hasOwn(LAMBDA_NAMES, lambda) ? LAMBDA_NAMES[lambda] : undefined;
  if (value === undefined) {
    throw new VigieError(
      'INVALID_ARGUMENT',
      `${fn}: unknown lambda_ '${String(lambda)}' (expected a number or one of ${Object.keys(LAMBDA_NAMES).join(', ')})`,
    );
  }
  return value;
}

function goodnessOfFit(
  fn: string,
  fObs: Sample,
  fExp: Sample | null,
  ddof: number,
  lambda: number,
  nanPolicy: NanPolicy,
  sumCheck: boolean,
): TestResult {
  if (fExp !== null && fExp.length !== fObs.length) {
    throw new VigieError(
      'INVALID_ARGUMENT',
      `${fn}: fObs and fExp must have the same length (${fObs.length} and ${fExp.length})`,
    );
  }
  const pair = applyPairedNanPolicy(fObs, fExp, nanPolicy, fn);
  if (pair === null) return { statistic: Number.NaN, pvalue: Number.NaN };
  const [obs, exp] = pair;
  if (exp === null) {
    const m = mean(obs);
    return divergenceTest(obs, new Float64Array(obs.length).fill(m), ddof, lambda, false, fn);
  }
  return divergenceTest(obs, exp, ddof, lambda, sumCheck, fn);
}

/**
 * The statistic and p-value for observed and expected counts of equal length, as scipy's
 * `_power_divergence` (shared with chi2Contingency, which passes its own ddof).
 */
export function divergenceTest(
  obs: Float64Array,
  exp: Float64Array,
  ddof: number,
  lambda: number,
  sumCheck: boolean,
  fn: string,
): TestResult {
  const k = obs.length;
  if (sumCheck) {
    const so = numpySum(obs);
    const se = numpySum(exp);
    // NaN totals and non-positive minima pass, as in scipy (a NaN comparison is false).
    if (Math.abs(so - se) / Math.min(so, se) > SUM_RTOL) {
      throw new VigieError(
        'INVALID_ARGUMENT',
        `${fn}: the observed and expected frequencies must have the same total to a relative ${SUM_RTOL} (got ${so} and ${se})`,
      );
    }
  }
  const terms = new Float64Array(k);
  if (lambda === 1) {
    for (let i = 0; i < k; i++) {
      const d = obs[i]! - exp[i]!;
      terms[i] = (d * d) / exp[i]!;
    }
  } else if (lambda === 0) {
    for (let i = 0; i < k; i++) terms[i] = 2 * xlogy(obs[i]!, obs[i]! / exp[i]!);
  } else if (lambda === -1) {
    for (let i = 0; i < k; i++) terms[i] = 2 * xlogy(exp[i]!, exp[i]! / obs[i]!);
  } else {
    const scale = 0.5 * lambda * (lambda + 1);
    for (let i = 0; i < k; i++) {
      const o = obs[i]!;
      terms[i] = (o * ((o / exp[i]!) ** lambda - 1)) / scale;
    }
  }
  const statistic = numpySum(terms);
  return { statistic, pvalue: chdtrc(k - 1 - ddof, statistic) };
}

/**
 * Chi-squared upper tail as `scipy.special.chdtrc`, which the tests use rather than
 * `chi2.sf`: NaN for x < 0 or df < 0, and at df = 0 it is 0 for x > 0 and NaN at x = 0.
 */
export function chdtrc(df: number, x: number): number {
  return gammaincc(0.5 * df, 0.5 * x);
}

function xlogy(x: number, y: number): number {
  if (x === 0 && !Number.isNaN(y)) return 0;
  return x * Math.log(y);
}

/** scipy's paired nan_policy: 'omit' drops the positions where either sample is NaN. */
function applyPairedNanPolicy(
  obs: Sample,
  exp: Sample | null,
  policy: NanPolicy,
  fn: string,
): [Float64Array, Float64Array | null] | null {
  const anyNaN = hasNaN(obs) || (exp !== null && hasNaN(exp));
  if (!anyNaN) return [toFloat64(obs), exp === null ? null : toFloat64(exp)];
  if (policy === 'propagate') return null;
  if (policy === 'raise') {
    throw new VigieError('INVALID_ARGUMENT', `${fn}: the input contains NaN (nanPolicy 'raise')`);
  }
  const keep: number[] = [];
  for (let i = 0; i < obs.length; i++) {
    if (!Number.isNaN(obs[i]) && (exp === null || !Number.isNaN(exp[i]))) keep.push(i);
  }
  const o = Float64Array.from(keep, (i) => obs[i]!);
  return [o, exp === null ? null : Float64Array.from(keep, (i) => exp[i]!)];
}
