/**
 * Thin wrappers over @stdlib special functions whose accuracy was checked against scipy
 * (see special.test.ts). Argument orders follow scipy; the functions are loaded on first use
 * (stdlib-lazy.ts, which the other files of this folder use too).
 */
import { stdlib } from './stdlib-lazy.js';

/**
 * Natural log of the absolute value of the gamma function, as scipy.special.gammaln:
 * +Infinity at 0 and the negative integers.
 * @example gammaln(5) // 3.1780538303479458 (= log 24)
 */
export function gammaln(x: number): number {
  return stdlib.gammaln(x);
}

/**
 * The digamma function psi(x) = d/dx log Gamma(x), as scipy.special.digamma:
 * -Infinity at +0, +Infinity at -0, NaN at the negative integers and -Infinity.
 * @example digamma(1) // -0.5772156649015329 (minus Euler's constant)
 */
export function digamma(x: number): number {
  if (x === 0) return Object.is(x, -0) ? Number.POSITIVE_INFINITY : Number.NEGATIVE_INFINITY;
  if (x === Number.NEGATIVE_INFINITY) return Number.NaN;
  return stdlib.digamma(x);
}

/**
 * log|B(a, b)|, the log of the absolute value of the beta function, as scipy.special.betaln.
 * For large unequal arguments this is slightly more accurate than scipy (which loses ~1e-11
 * relative through cancellation), so agreement there is checked at 1e-10.
 * @example betaln(2, 3) // -2.4849066497880004 (= log(1/12))
 */
export function betaln(a: number, b: number): number {
  if (Number.isNaN(a) || Number.isNaN(b)) return Number.NaN;
  // scipy: B(a, b) -> 0 when one argument is infinite and the other positive finite.
  if ((a === Number.POSITIVE_INFINITY && b > 0) || (b === Number.POSITIVE_INFINITY && a > 0)) {
    return Number.NEGATIVE_INFINITY;
  }
  if (a <= 0 || b <= 0) {
    // Poles of Gamma(a) or Gamma(b) make |B| infinite; elsewhere use the gamma functions.
    if ((a <= 0 && Number.isInteger(a)) || (b <= 0 && Number.isInteger(b))) return Number.POSITIVE_INFINITY;
    return stdlib.gammaln(a) + stdlib.gammaln(b) - stdlib.gammaln(a + b);
  }
  return stdlib.betaln(a, b);
}

/**
 * The error function erf(x) = 2/sqrt(pi) * integral_0^x exp(-t^2) dt.
 * @example erf(1) // 0.8427007929497148
 */
export function erf(x: number): number {
  return stdlib.erf(x);
}

/**
 * The complementary error function erfc(x) = 1 - erf(x), computed directly so that it keeps full
 * relative precision for large x (erfc(26) = 5.66e-296).
 * @example erfc(3) // 2.2090496998585445e-5
 */
export function erfc(x: number): number {
  return stdlib.erfc(x);
}

/**
 * Inverse of erfc on [0, 2]: erfcinv(erfc(x)) = x. NaN outside [0, 2], +Infinity at 0,
 * -Infinity at 2, as scipy.special.erfcinv.
 * @example erfcinv(0.5) // 0.4769362762044699
 */
export function erfcinv(p: number): number {
  if (!(p >= 0 && p <= 2)) return Number.NaN;
  return stdlib.erfcinv(p);
}
