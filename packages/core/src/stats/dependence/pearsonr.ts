import { VigieError } from '../../errors/index.js';
import { mean } from '../descriptive/index.js';
import type { Alternative, Sample, TestResult } from '../input.js';
import { betainc, betaincc, ndtri } from '../special/index.js';
import { checkAlternative, clipUnit, isConstant, pairedSamples } from './paired.js';

export interface PearsonrOptions {
  /** The alternative hypothesis about the correlation: 'two-sided' (default), 'less' or 'greater'. */
  alternative?: Alternative;
}

/** Ends of a confidence interval (the shape of scipy's ConfidenceInterval). */
interface Interval {
  low: number;
  high: number;
}

export interface PearsonrResult extends TestResult {
  /** Number of pairs. */
  n: number;
  /**
   * Confidence interval of the correlation by Fisher's transformation, as scipy's
   * `result.confidence_interval(confidence_level)`: tanh(atanh(r) ± z/√(n - 3)) with z the
   * normal quantile of the level (one-sided for alternative 'less' / 'greater', the other end
   * being -1 / 1); [-1, 1] when n <= 3.
   */
  confidenceInterval(confidenceLevel?: number): Interval;
}

/**
 * Pearson's correlation coefficient and its p-value, as `scipy.stats.pearsonr`: r is the cosine
 * of the centred samples, clipped to [-1, 1]; the p-value is exact for normal data, from r's null
 * distribution, a beta(n/2 - 1, n/2 - 1) on [-1, 1]. With n = 2, r is ±1 and the p-value 1. A
 * constant sample gives NaN (scipy warns and returns NaN); NaN in either sample gives NaN (scipy
 * has no nan_policy here). Throws when the lengths differ or n < 2.
 *
 * @example pearsonr([1, 2, 3, 4], [1, 3, 2, 4]).statistic; // 0.8
 */
export function pearsonr(x: Sample, y: Sample, options: PearsonrOptions = {}): PearsonrResult {
  const alternative = checkAlternative(options.alternative ?? 'two-sided', 'pearsonr');
  const [a, b] = pairedSamples(x, y, 'pearsonr');
  const n = a.length;
  if (n < 2) throw new VigieError('INVALID_ARGUMENT', 'pearsonr: x and y must have length at least 2');
  let r = isConstant(a) || isConstant(b) ? Number.NaN : correlation(a, b);
  let pvalue = betaPvalue(r, n, alternative);
  if (n === 2 && r === r) {
    r = Math.round(r);
    pvalue = 1;
  }
  const statistic = r;
  return {
    statistic,
    pvalue,
    n,
    confidenceInterval: (confidenceLevel = 0.95) =>
      fisherInterval(statistic, n, confidenceLevel, alternative),
  };
}

/**
 * Centred cross products over the norms; sums are formed directly and only rescaled by the
 * largest deviation (scipy always rescales) when a sum of squares would overflow or underflow.
 */
function correlation(a: Float64Array, b: Float64Array): number {
  const n = a.length;
  const mx = mean(a);
  const my = mean(b);
  let sxx = 0;
  let syy = 0;
  let sxy = 0;
  for (let i = 0; i < n; i++) {
    const dx = a[i]! - mx;
    const dy = b[i]! - my;
    sxx += dx * dx;
    syy += dy * dy;
    sxy += dx * dy;
  }
  if (sxx !== sxx || syy !== syy || sxy !== sxy) return Number.NaN;
  if (!(sxx > 1e-290 && sxx < 1e290 && syy > 1e-290 && syy < 1e290)) {
    return scaledCorrelation(a, b, mx, my);
  }
  return clipUnit(sxy / (Math.sqrt(sxx) * Math.sqrt(syy)));
}

function scaledCorrelation(a: Float64Array, b: Float64Array, mx: number, my: number): number {
  const n = a.length;
  let xmax = 0;
  let ymax = 0;
  for (let i = 0; i < n; i++) {
    xmax = Math.max(xmax, Math.abs(a[i]! - mx));
    ymax = Math.max(ymax, Math.abs(b[i]! - my));
  }
  let sxx = 0;
  let syy = 0;
  let sxy = 0;
  for (let i = 0; i < n; i++) {
    const dx = (a[i]! - mx) / xmax;
    const dy = (b[i]! - my) / ymax;
    sxx += dx * dx;
    syy += dy * dy;
    sxy += dx * dy;
  }
  return clipUnit(sxy / (Math.sqrt(sxx) * Math.sqrt(syy)));
}

/** scipy's `_SimpleBeta(n/2 - 1, n/2 - 1, loc=-1, scale=2)` tails at r. */
function betaPvalue(r: number, n: number, alternative: Alternative): number {
  const ab = n / 2 - 1;
  if (alternative === 'less') return betainc(ab, ab, (r + 1) / 2);
  if (alternative === 'greater') return betaincc(ab, ab, (r + 1) / 2);
  return 2 * betaincc(ab, ab, (Math.abs(r) + 1) / 2);
}

function fisherInterval(r: number, n: number, level: number, alternative: Alternative): Interval {
  if (!(level > 0 && level < 1)) {
    throw new VigieError(
      'INVALID_ARGUMENT',
      `pearsonr: the confidence level must be in (0, 1), got ${level}`,
    );
  }
  if (n <= 3) return { low: -1, high: 1 };
  const zr = Math.atanh(r);
  const se = Math.sqrt(1 / (n - 3));
  if (alternative === 'less') return { low: -1, high: Math.tanh(zr + ndtri(level) * se) };
  if (alternative === 'greater') return { low: Math.tanh(zr - ndtri(level) * se), high: 1 };
  const h = ndtri(0.5 + level / 2);
  return { low: Math.tanh(zr - h * se), high: Math.tanh(zr + h * se) };
}
