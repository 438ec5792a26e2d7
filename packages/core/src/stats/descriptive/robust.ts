import { VigieError } from '../../errors/index.js';
import { applyNanPolicy, type NanPolicy, type Sample } from '../input.js';
import { medianInPlace, type QuantileMethod, quantiles } from './quantile.js';

/** Φ⁻¹(3/4): the MAD of a standard normal, scipy's divisor for scale 'normal'. */
const NORMAL_MAD = 0.6744897501960817;
/** 2√2·erf⁻¹(1/2): the IQR of a standard normal, scipy's divisor for scale 'normal'. */
const NORMAL_IQR = 1.3489795003921636;

export interface MedianAbsDeviationOptions {
  /** The result is divided by scale; 'normal' divides by Φ⁻¹(3/4) ≈ 0.6745 (multiplies by ≈ 1.4826). Default 1. */
  scale?: number | 'normal';
  /** scipy's nan_policy; default 'propagate'. */
  nanPolicy?: NanPolicy;
}

/**
 * Median absolute deviation as `scipy.stats.median_abs_deviation`: median(|x - median(x)|) /
 * scale, medians as `numpy.median`. With `scale: 'normal'` it estimates the standard deviation
 * of normal data. Empty input gives NaN.
 *
 * @example medianAbsDeviation([1, 2, 3, 4, 100]); // 1
 */
export function medianAbsDeviation(x: Sample, options: MedianAbsDeviationOptions = {}): number {
  const { nanPolicy = 'propagate' } = options;
  const scale = resolveScale(options.scale ?? 1, NORMAL_MAD, 'medianAbsDeviation');
  const a = applyNanPolicy(x, nanPolicy, 'medianAbsDeviation');
  if (a === null || a.length === 0) return Number.NaN;
  const work = a === x ? a.slice() : a;
  const med = medianInPlace(work);
  for (let i = 0; i < work.length; i++) work[i] = Math.abs(work[i]! - med);
  return medianInPlace(work) / scale;
}

export interface IqrOptions {
  /** Percentiles bounding the range, in [0, 100], either order; default [25, 75]. */
  rng?: readonly [number, number];
  /** The result is divided by scale; 'normal' divides by 2√2·erf⁻¹(½) ≈ 1.349. Default 1. */
  scale?: number | 'normal';
  /** Quantile method of both percentiles (scipy's `interpolation`); default 'linear'. */
  interpolation?: QuantileMethod;
  /** scipy's nan_policy; default 'propagate'. */
  nanPolicy?: NanPolicy;
}

/**
 * Interquartile range as `scipy.stats.iqr`: quantile(x, rng[1]/100) - quantile(x, rng[0]/100)
 * (quantiles as `quantile` with the given `interpolation`), divided by `scale`. Empty input
 * gives NaN. scipy computes the percentiles with its own `stats.quantile`, which agrees with
 * numpy's on finite data; next to ±Infinity the two can differ (e.g. 'midpoint' gives NaN here,
 * as numpy.percentile does, where scipy gives Infinity).
 *
 * @example iqr([1, 2, 3, 4, 5, 6, 7, 8]); // 3.5
 */
export function iqr(x: Sample, options: IqrOptions = {}): number {
  const { rng = [25, 75], interpolation = 'linear', nanPolicy = 'propagate' } = options;
  const scale = resolveScale(options.scale ?? 1, NORMAL_IQR, 'iqr');
  const [r0, r1] = rng;
  if (Number.isNaN(r0) || Number.isNaN(r1))
    throw new VigieError('INVALID_ARGUMENT', 'iqr: rng must not contain NaN');
  const lo = Math.min(r0, r1) / 100;
  const hi = Math.max(r0, r1) / 100;
  if (lo < 0 || hi > 1) throw new VigieError('INVALID_ARGUMENT', 'iqr: rng values must be in [0, 100]');
  const a = applyNanPolicy(x, nanPolicy, 'iqr');
  if (a === null || a.length === 0) return Number.NaN;
  const [qLo, qHi] = quantiles(a, [lo, hi], { method: interpolation });
  const out = qHi! - qLo!;
  return scale === 1 ? out : out / scale;
}

function resolveScale(scale: number | 'normal', normal: number, fn: string): number {
  if (scale === 'normal') return normal;
  if (typeof scale !== 'number' || Number.isNaN(scale)) {
    throw new VigieError(
      'INVALID_ARGUMENT',
      `${fn}: scale must be a number or 'normal', got ${String(scale)}`,
    );
  }
  return scale;
}
