import { gammaDensityFactor, gammainc, gammaincc } from './gamma-inc.js';
import { solveLogNewton } from './log-newton.js';
import { ndtri } from './normal.js';
import { gammaln } from './stdlib.js';
import { stdlib } from './stdlib-lazy.js';

const LOG_MIN = -745.2; // below log of the smallest subnormal
const LOG_MAX = 709.78; // log of the largest double

/**
 * Solves P(a, x) = p (or Q(a, x) = q) for x. The smaller of p and q = 1 - p is matched, in log
 * scale, so tail quantiles keep full relative precision. stdlib's inverse (accurate to ~1e-4), or
 * Wilson-Hilferty for huge a, supplies the starting point, which the safeguarded Newton iteration
 * then refines.
 */
function inverse(a: number, p: number, q: number): number {
  if (Number.isNaN(a) || Number.isNaN(p) || Number.isNaN(q)) return Number.NaN;
  if (!(a > 0) || a === Number.POSITIVE_INFINITY || !(p >= 0 && p <= 1 && q >= 0 && q <= 1)) {
    return Number.NaN;
  }
  if (p === 0) return 0;
  if (q === 0) return Number.POSITIVE_INFINITY;
  const useLower = p <= q;
  const target = Math.log(useLower ? p : q);
  // P(a, x) = x^a / Gamma(a + 1) (1 + O(x)): below x ~ 1e-300 the leading term is exact.
  const tinyRoot = (target + gammaln(a + 1)) / a;
  if (useLower && tinyRoot < -690) return Math.exp(tinyRoot);
  const guess = a >= 1e6 ? wilsonHilferty(a, p, q, useLower) : stdlibGuess(a, p, q, useLower);
  let start: number;
  if (guess > 0 && Number.isFinite(guess)) start = Math.log(guess);
  // P(a, x) ~ x^a / Gamma(a + 1) for small x; Q(a, x) ~ e^-x x^(a-1) / Gamma(a) for large x.
  else if (useLower) start = Math.max(LOG_MIN, tinyRoot);
  else start = Math.log(a + 1 - target);
  const u = solveLogNewton({
    start,
    lower: LOG_MIN,
    upper: LOG_MAX,
    evaluate(u) {
      const x = Math.exp(u);
      const value = useLower ? gammainc(a, x) : gammaincc(a, x);
      // d log F / d log x = x F'(x) / F = +-x^a e^-x / (Gamma(a) F)
      const slope = gammaDensityFactor(a, x) / value;
      return useLower
        ? { value: Math.log(value) - target, slope }
        : { value: target - Math.log(value), slope };
    },
  });
  if (u <= LOG_MIN) return 0;
  return Math.exp(u);
}

function stdlibGuess(a: number, p: number, q: number, useLower: boolean): number {
  return useLower ? stdlib.gammaincinv(p, a, false) : stdlib.gammaincinv(q, a, true);
}

/** Wilson-Hilferty: (x/a)^(1/3) is nearly normal; stdlib's inverse is slow for huge a. */
function wilsonHilferty(a: number, p: number, q: number, useLower: boolean): number {
  const z = useLower ? ndtri(p) : -ndtri(q);
  const c = 1 - 1 / (9 * a) + z / (3 * Math.sqrt(a));
  return a * c * c * c;
}

/**
 * Inverse of the regularized lower incomplete gamma function in x: gammainc(a, gammaincinv(a, p))
 * = p (scipy.special.gammaincinv). 0 at p = 0, +Infinity at p = 1, NaN for p outside [0, 1] or a <= 0.
 * @example gammaincinv(2, 0.5) // 1.6783469900166612
 */
export function gammaincinv(a: number, p: number): number {
  return inverse(a, p, 1 - p);
}

/**
 * Inverse of the regularized upper incomplete gamma function in x: gammaincc(a, gammainccinv(a, q))
 * = q, accurate for tiny q (scipy.special.gammainccinv).
 * @example gammainccinv(1, 1e-30) // 69.07755278982137
 */
export function gammainccinv(a: number, q: number): number {
  return inverse(a, 1 - q, q);
}
