import { gammaln } from '../../special/index.js';

/**
 * Binomial coefficient C(n, k) for integers 0 <= k <= n, as scipy.special.binom computes it:
 * the exact product for k < 20 (after k -> n - k when k > n/2), rescaled above 1e50 so that it
 * cannot overflow before the end; exp of log-gammas otherwise (about 1e-13 relative). Infinity
 * past 1.8e308, which the exact tests take as their signal to fall back to the asymptotic form.
 */
export function binom(n: number, k: number): number {
  return binomWith(gammaln, n, k);
}

/**
 * `binom` for many calls with arguments up to `nMax`: the log-gammas come from a table of
 * log(i!), so that each coefficient costs one exp instead of three log-gamma evaluations.
 */
export function createBinom(nMax: number): (n: number, k: number) => number {
  const logFactorial = new Float64Array(nMax + 2);
  for (let i = 0; i < logFactorial.length; i++) logFactorial[i] = gammaln(i + 1);
  return (n, k) => binomWith((x) => logFactorial[x - 1]!, n, k);
}

function binomWith(lgamma: (x: number) => number, n: number, k: number): number {
  let kx = k;
  if (kx > n / 2 && n > 0) kx = n - kx;
  if (kx < 0) return 0;
  if (kx < 20) {
    let num = 1;
    let den = 1;
    for (let i = 1; i <= kx; i++) {
      num *= i + n - kx;
      den *= i;
      if (Math.abs(num) > 1e50) {
        num /= den;
        den = 1;
      }
    }
    return num / den;
  }
  return Math.exp(lgamma(n + 1) - lgamma(kx + 1) - lgamma(n - kx + 1));
}

/** C(n, k) by the multiplicative formula, exact while the result stays below 2^53 (math.comb). */
export function comb(n: number, k: number): number {
  const kx = Math.min(k, n - k);
  if (kx < 0) return 0;
  let c = 1;
  for (let i = 1; i <= kx; i++) c = (c * (n - kx + i)) / i;
  return c;
}
