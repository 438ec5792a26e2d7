import { VigieError } from '../../errors/index.js';
import type { Sample } from '../input.js';

/**
 * Distances between two discrete distributions given as probability or count vectors of equal
 * length. Every function normalizes both vectors to sum to 1 first, as scipy does, so raw counts
 * can be passed directly. Entries must be non-negative and finite with a positive sum (an all-zero
 * vector cannot be normalized: scipy returns NaN, Vigie throws INVALID_ARGUMENT so a drift check
 * never reports NaN silently). A NaN entry makes the result NaN.
 */

export interface LogBaseOptions {
  /** Logarithm base; natural log (e) when omitted, as scipy. Vigie's drift reports use base 2. */
  base?: number;
}

/**
 * The Jensen-Shannon distance, as scipy.spatial.distance.jensenshannon: with m = (p + q) / 2,
 * sqrt((KL(p‖m) + KL(q‖m)) / 2), logarithms in `base` (default e, where the maximum is sqrt(ln 2);
 * with base 2 the distance lies in [0, 1]). Rounding can make the sum a hair below zero for nearly
 * identical inputs, where scipy would return NaN; Vigie returns 0 there.
 *
 * @example jensenshannon([1, 0, 0], [0, 1, 0], { base: 2 }) // 1
 */
export function jensenshannon(p: Sample, q: Sample, options: LogBaseOptions = {}): number {
  const [a, b] = normalizePair(p, q, 'jensenshannon');
  let left = 0;
  let right = 0;
  for (let i = 0; i < a.length; i++) {
    const m = (a[i]! + b[i]!) / 2;
    left += relEntr(a[i]!, m);
    right += relEntr(b[i]!, m);
  }
  let js = left + right;
  if (options.base !== undefined) js /= logBase(options.base, 'jensenshannon');
  return js < 0 ? 0 : Math.sqrt(js / 2);
}

/**
 * Kullback-Leibler divergence KL(p‖q) = Σ p_i log(p_i / q_i), as scipy.stats.entropy(p, q):
 * natural log unless `base` is given; terms with p_i = 0 contribute 0; Infinity when some
 * p_i > 0 has q_i = 0. Not symmetric.
 *
 * @example klDivergence([0.5, 0.5], [0.9, 0.1]) // 0.5108256237659907
 */
export function klDivergence(p: Sample, q: Sample, options: LogBaseOptions = {}): number {
  const [a, b] = normalizePair(p, q, 'klDivergence');
  let s = 0;
  for (let i = 0; i < a.length; i++) s += relEntr(a[i]!, b[i]!);
  if (options.base !== undefined) s /= logBase(options.base, 'klDivergence');
  return s;
}

/**
 * The Hellinger distance H = sqrt(1 − Σ sqrt(p_i q_i)), the convention bounded by [0, 1] (no
 * factor sqrt(2)). It is computed as the equal quantity sqrt(Σ (√p_i − √q_i)² / 2), which has no
 * cancellation for nearly identical inputs.
 *
 * @example hellinger([1, 0], [0, 1]) // 1
 */
export function hellinger(p: Sample, q: Sample): number {
  const [a, b] = normalizePair(p, q, 'hellinger');
  let s = 0;
  for (let i = 0; i < a.length; i++) {
    const d = Math.sqrt(a[i]!) - Math.sqrt(b[i]!);
    s += d * d;
  }
  return Math.sqrt(s / 2);
}

/**
 * Total variation distance ½ Σ |p_i − q_i|, in [0, 1].
 *
 * @example totalVariation([0.5, 0.5], [0.9, 0.1]) // 0.4
 */
export function totalVariation(p: Sample, q: Sample): number {
  const [a, b] = normalizePair(p, q, 'totalVariation');
  let s = 0;
  for (let i = 0; i < a.length; i++) s += Math.abs(a[i]! - b[i]!);
  return s / 2;
}

/**
 * The L∞ (Chebyshev) distance max_i |p_i − q_i| between the normalized vectors.
 *
 * @example linf([0.5, 0.5], [0.9, 0.1]) // 0.4
 */
export function linf(p: Sample, q: Sample): number {
  const [a, b] = normalizePair(p, q, 'linf');
  let m = 0;
  for (let i = 0; i < a.length; i++) {
    const d = Math.abs(a[i]! - b[i]!);
    if (d > m || Number.isNaN(d)) m = d;
  }
  return m;
}

/** scipy.special.rel_entr for x, y ≥ 0: x log(x / y), 0 when x = 0, Infinity when only y = 0. */
function relEntr(x: number, y: number): number {
  if (x > 0 && y > 0) return x * Math.log(x / y);
  if (x === 0 && y >= 0) return 0;
  if (Number.isNaN(x) || Number.isNaN(y)) return Number.NaN;
  return Number.POSITIVE_INFINITY;
}

function logBase(base: number, fn: string): number {
  if (!(base > 0) || base === 1) {
    throw new VigieError('INVALID_ARGUMENT', `${fn}: base must be positive and not 1, got ${base}`);
  }
  return Math.log(base);
}

/** Both vectors divided by their sums (x / sum, as numpy), after checking lengths and entries. */
export function normalizePair(p: Sample, q: Sample, fn: string): [Float64Array, Float64Array] {
  if (p.length !== q.length) {
    throw new VigieError('INVALID_ARGUMENT', `${fn}: p and q differ in length (${p.length} vs ${q.length})`);
  }
  if (p.length === 0) throw new VigieError('EMPTY_INPUT', `${fn}: p and q are empty`);
  return [normalize(p, fn, 'p'), normalize(q, fn, 'q')];
}

function normalize(x: Sample, fn: string, name: string): Float64Array {
  const n = x.length;
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const v = x[i]!;
    if (v < 0 || v === Number.POSITIVE_INFINITY) {
      throw new VigieError(
        'INVALID_ARGUMENT',
        `${fn}: ${name} must hold finite non-negative values, got ${v}`,
      );
    }
    sum += v;
  }
  if (sum === 0)
    throw new VigieError('INVALID_ARGUMENT', `${fn}: ${name} sums to 0 and cannot be normalized`);
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = x[i]! / sum;
  return out;
}
