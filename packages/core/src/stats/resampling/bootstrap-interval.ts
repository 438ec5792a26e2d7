import { VigieError } from '../../errors/index.js';
import { mean, sortFloat64, sum } from '../descriptive/index.js';
import type { Alternative } from '../input.js';
import { ndtr, ndtri } from '../special/index.js';
import type { BootstrapMethod, ConfidenceInterval } from './types.js';

export interface BootstrapIntervalInput {
  /** The bootstrap distribution θ*_b (any order). */
  distribution: Float64Array;
  /** The statistic on the original data, θ̂ (needed by 'basic' and 'bca'). */
  observed: number;
  /**
   * For 'bca': per sample, the leave-one-out values θ_(i) with observation i of that sample
   * removed and the other samples whole (one entry for paired data, leaving out pairs).
   */
  jackknife?: Float64Array[];
  method?: BootstrapMethod;
  confidenceLevel?: number;
  alternative?: Alternative;
}

/**
 * The confidence interval scipy.stats.bootstrap derives from a bootstrap distribution, exposed so
 * an interval can be recomputed from a saved distribution (as scipy's `bootstrap_result`).
 * With α = (1 − level) / 2 (two-sided) or 1 − level (one-sided):
 * - 'percentile': the α and 1 − α quantiles of the distribution;
 * - 'basic': 2θ̂ minus those quantiles, swapped;
 * - 'bca' (Efron & Tibshirani eq. 14.10, 14.15): z0 = Φ⁻¹((#{θ* < θ̂} + #{θ* ≤ θ̂}) / 2B), the
 *   acceleration a = Σ_j Σ_i U³/n_j³ / (6 (Σ_j Σ_i U²/n_j²)^{3/2}) with U = (n_j − 1)(mean θ_(·) − θ_(i)),
 *   and quantile levels Φ(z0 + (z0 ± z_α) / (1 − a (z0 ± z_α))).
 * Quantiles use scipy.stats.quantile's default 'linear' method; a level that is NaN (degenerate
 * distribution: BCa gives 0/0) yields NaN, as scipy. 'less' sets low = −Infinity, 'greater'
 * sets high = +Infinity.
 *
 * @example bootstrapInterval({ distribution, observed: 1.2, method: 'percentile' }) // { low, high }
 */
export function bootstrapInterval(input: BootstrapIntervalInput): ConfidenceInterval {
  const method = input.method ?? 'bca';
  const level = input.confidenceLevel ?? 0.95;
  const alternative = input.alternative ?? 'two-sided';
  if (!(level > 0 && level < 1)) {
    throw new VigieError('INVALID_ARGUMENT', `bootstrap: confidenceLevel must be in (0, 1), got ${level}`);
  }
  const sorted = sortFloat64(input.distribution);
  const alpha = alternative === 'two-sided' ? (1 - level) / 2 : 1 - level;
  let levels: [number, number];
  if (method === 'bca') {
    if (input.jackknife === undefined) {
      throw new VigieError('INVALID_ARGUMENT', `bootstrap: method 'bca' needs the jackknife values`);
    }
    levels = bcaLevels(input.distribution, input.observed, input.jackknife, alpha);
  } else if (method === 'percentile' || method === 'basic') {
    levels = [alpha, 1 - alpha];
  } else {
    throw new VigieError('INVALID_ARGUMENT', `bootstrap: unknown method '${method}'`);
  }
  let low = scipyQuantile(sorted, levels[0]);
  let high = scipyQuantile(sorted, levels[1]);
  if (method === 'basic') [low, high] = [2 * input.observed - high, 2 * input.observed - low];
  if (alternative === 'less') low = Number.NEGATIVE_INFINITY;
  else if (alternative === 'greater') high = Number.POSITIVE_INFINITY;
  return { low, high };
}

function bcaLevels(
  distribution: Float64Array,
  observed: number,
  jackknife: Float64Array[],
  alpha: number,
): [number, number] {
  const b = distribution.length;
  let below = 0;
  let atOrBelow = 0;
  for (let i = 0; i < b; i++) {
    const v = distribution[i]!;
    if (v < observed) below++;
    if (v <= observed) atOrBelow++;
  }
  const z0 = ndtri((below + atOrBelow) / (2 * b));

  let num = 0;
  let den = 0;
  for (const values of jackknife) {
    const n = values.length;
    const centre = mean(values);
    const u = values.map((v) => (n - 1) * (centre - v));
    num += sum(u.map((x) => x * x * x)) / n ** 3;
    den += sum(u.map((x) => x * x)) / n ** 2;
  }
  const a = ((1 / 6) * num) / den ** 1.5;

  const zAlpha = ndtri(alpha);
  const lowNum = z0 + zAlpha;
  const highNum = z0 - zAlpha;
  return [ndtr(z0 + lowNum / (1 - a * lowNum)), ndtr(z0 + highNum / (1 - a * highNum))];
}

/**
 * scipy.stats.quantile(x, p) with method 'linear' on ascending `sorted`: j = floor(p·n + 1 − p) − 1,
 * g = (p·n + 1 − p) mod 1, (1 − g)·x[j] + g·x[j + 1], indices clipped to the array. NaN when p
 * is NaN or outside [0, 1], or when the data hold NaN (sorted last).
 */
export function scipyQuantile(sorted: Float64Array, p: number): number {
  const n = sorted.length;
  if (!(p >= 0 && p <= 1) || n === 0 || Number.isNaN(sorted[n - 1]!)) return Number.NaN;
  const jg = p * n + (1 - p);
  const jp1 = Math.floor(jg);
  const j = jp1 - 1;
  let g = jg % 1;
  if (j < 0) g = 0;
  const lo = sorted[Math.min(Math.max(j, 0), n - 1)]!;
  const hi = sorted[Math.min(Math.max(jp1, 0), n - 1)]!;
  return (1 - g) * lo + g * hi;
}
