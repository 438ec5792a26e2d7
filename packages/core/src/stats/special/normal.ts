import { erfc, erfcinv } from './stdlib.js';

const SQRT1_2 = Math.SQRT1_2;
const LOG_SQRT_2PI = 0.9189385332046728;

/**
 * The standard normal CDF, Phi(x) = erfc(-x / sqrt(2)) / 2, as scipy.special.ndtr. Computed from
 * erfc so the lower tail keeps full relative precision down to ndtr(-37.5) ~ 5e-308.
 * @example ndtr(-12) // 1.776482112077653e-33
 */
export function ndtr(x: number): number {
  return 0.5 * erfc(-x * SQRT1_2);
}

/**
 * Inverse of ndtr on [0, 1]: ndtri(0) = -Infinity, ndtri(1) = +Infinity, NaN outside [0, 1],
 * as scipy.special.ndtri. The tail below 0.5 is inverted directly, so ndtri(1e-300) is exact
 * to ~1e-14 relative; above 0.5 it uses 1 - p, which is exact there.
 * @example ndtri(0.975) // 1.959963984540054
 */
export function ndtri(p: number): number {
  if (!(p >= 0 && p <= 1)) return Number.NaN;
  if (p <= 0.5) return -Math.SQRT2 * erfcinv(2 * p);
  return Math.SQRT2 * erfcinv(2 * (1 - p));
}

/**
 * log(ndtr(x)) without underflow, as scipy.special.log_ndtr: an asymptotic expansion below
 * x = -20 (ndtr underflows near -38), log1p of the upper tail above -1.
 * @example logNdtr(-40) // -804.6084420137539
 */
export function logNdtr(x: number): number {
  if (Number.isNaN(x)) return Number.NaN;
  if (x > -1) return Math.log1p(-0.5 * erfc(x * SQRT1_2));
  if (x > -20) return Math.log(0.5 * erfc(-x * SQRT1_2));
  if (x === Number.NEGATIVE_INFINITY) return Number.NEGATIVE_INFINITY;
  // Phi(x) ~ phi(x)/|x| * (1 - 1/x^2 + 3/x^4 - 15/x^6 + ...); at x <= -20 the terms fall fast.
  const x2 = x * x;
  let term = 1;
  let sum = 1;
  for (let k = 1; k < 30; k++) {
    term *= -(2 * k - 1) / x2;
    sum += term;
    if (Math.abs(term) < 1e-17 * Math.abs(sum)) break;
  }
  return -0.5 * x2 - LOG_SQRT_2PI - Math.log(-x) + Math.log(sum);
}
