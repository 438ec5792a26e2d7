import type { Random } from '../../random/index.js';

/** Gamma(shape) deviate for shape ≥ 1 (Marsaglia & Tsang 2000). */
function gamma(rng: Random, shape: number): number {
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    let x: number;
    let v: number;
    do {
      x = rng.normal();
      v = 1 + c * x;
    } while (v <= 0);
    v = v * v * v;
    const u = rng.float();
    const x2 = x * x;
    if (u < 1 - 0.0331 * x2 * x2) return d * v;
    if (Math.log(u) < 0.5 * x2 + d * (1 - v + Math.log(v))) return d * v;
  }
}

/** Trials at or below which a binomial is drawn as a sum of Bernoulli draws. */
const DIRECT_TRIALS = 16;

/**
 * An exact Binomial(n, p) draw by order-statistic splitting (Devroye 1986, X.4): the a-th smallest
 * of n uniforms is Beta(a, n + 1 − a); the uniforms below p are then a plus a binomial of the
 * n − a above it (renormalized), or a binomial of the a − 1 below it. Each step halves n, so a
 * draw costs O(log n) beta variates, then at most 16 Bernoulli draws.
 */
export function binomial(rng: Random, trials: number, probability: number): number {
  let n = trials;
  let p = probability;
  if (!(p > 0)) return 0;
  if (p >= 1) return n;
  let k = 0;
  while (n > DIRECT_TRIALS) {
    const a = (n >> 1) + 1;
    const g = gamma(rng, a);
    const x = g / (g + gamma(rng, n + 1 - a));
    if (p < x) {
      n = a - 1;
      p /= x;
    } else {
      k += a;
      n -= a;
      p = (p - x) / (1 - x);
    }
  }
  for (let i = 0; i < n; i++) if (rng.float() < p) k++;
  return k;
}

/**
 * A Multinomial(n; weights / Σ weights) draw into `out` (same length as `weights`) by conditional
 * binomials: cell j gets Binomial(left, w_j / (mass left)). This is exactly the count of each cell
 * in n rows drawn with replacement, when weights are the cells' row counts.
 */
export function drawMultinomial(rng: Random, n: number, weights: Float64Array, out: Float64Array): void {
  let left = n;
  let mass = 0;
  for (let j = 0; j < weights.length; j++) mass += weights[j]!;
  const last = weights.length - 1;
  for (let j = 0; j < last; j++) {
    const w = weights[j]!;
    const x = left === 0 || w === 0 ? 0 : binomial(rng, left, w / mass);
    out[j] = x;
    left -= x;
    mass -= w;
  }
  out[last] = left;
}
