import { log1pmx, stirlingCorrection } from './log1pmx.js';
import { erfc, gammaln } from './stdlib.js';

const EPS = 2.220446049250313e-16;
const TINY = 1e-300;
const INV_SQRT_2PI = 0.3989422804014327;

/**
 * x^a e^-x / Gamma(a) (so the gamma density is this over x), the common factor of both incomplete gamma ratios. For a >= 10 it is
 * written as sqrt(a / 2 pi) exp(a log1pmx((x - a) / a) - mu(a)) so that the huge terms
 * a log x and x cancel exactly instead of in floating point (a = 1e6 would lose 7 digits).
 */
export function gammaDensityFactor(a: number, x: number): number {
  if (a >= 10) {
    const d = (x - a) / a;
    // Far below a, 1 + d is tiny and log1p(d) would lose it; nothing cancels there anyway.
    const exponent = d < -0.5 ? a * (Math.log(x) - Math.log(a)) + (a - x) : a * log1pmx(d);
    return Math.sqrt(a) * INV_SQRT_2PI * Math.exp(exponent - stirlingCorrection(a));
  }
  return Math.exp(a * Math.log(x) - x - gammaln(a));
}

/** Series P(a, x) = x^a e^-x / Gamma(a + 1) * sum_n x^n / ((a+1)...(a+n)), for x <= a or x < 1. */
function lowerSeries(a: number, x: number): number {
  const prefactor = a >= 10 ? gammaDensityFactor(a, x) / a : Math.exp(a * Math.log(x) - x - gammaln(a + 1));
  if (prefactor === 0) return 0;
  let term = 1;
  let sum = 1;
  const maxTerms = 1000 + 20 * Math.sqrt(a);
  for (let n = 1; n < maxTerms; n++) {
    term *= x / (a + n);
    sum += term;
    if (term <= sum * EPS) break;
  }
  return prefactor * sum;
}

/** Continued fraction for Q(a, x) (modified Lentz), for x > a and x >= 1. */
function upperFraction(a: number, x: number): number {
  const factor = gammaDensityFactor(a, x);
  if (factor === 0) return 0;
  let b = x + 1 - a;
  let c = 1 / TINY;
  let d = 1 / b;
  let h = d;
  const maxTerms = 1000 + 20 * Math.sqrt(a);
  for (let i = 1; i < maxTerms; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < TINY) d = TINY;
    c = b + an / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) <= EPS) break;
  }
  return factor * h;
}

/**
 * Temme's uniform asymptotic expansion to its leading correction, for huge a (>= 1e10), where
 * the series and continued fraction would need ~20 sqrt(a) terms. With eta^2 / 2 =
 * lambda - 1 - log(lambda), lambda = x / a:
 *   Q = erfc(eta sqrt(a/2)) / 2 + exp(-a eta^2 / 2) / sqrt(2 pi a) (1 / (lambda - 1) - 1 / eta),
 * and P the mirror image; the neglected terms are O(a^-1) relative (<= 1e-10 here).
 */
function temme(a: number, x: number): { lower: number; upper: number } {
  const d = (x - a) / a;
  const halfEta2 = -log1pmx(d);
  const eta = Math.sign(d) * Math.sqrt(2 * halfEta2);
  // 1/(lambda - 1) - 1/eta cancels near lambda = 1; there use its Taylor series in eta.
  const c0 =
    Math.abs(eta) < 0.1
      ? -1 / 3 + eta * (1 / 12 + eta * (-2 / 135 + eta * (1 / 864 + eta * (1 / 2835))))
      : 1 / d - 1 / eta;
  const correction = (Math.exp(-a * halfEta2) / Math.sqrt(2 * Math.PI * a)) * c0;
  const z = eta * Math.sqrt(a / 2);
  return { lower: 0.5 * erfc(-z) - correction, upper: 0.5 * erfc(z) + correction };
}

/** Both ratios at once; each is computed directly in the region where it is the smaller one. */
function incompleteGamma(a: number, x: number): { lower: number; upper: number } {
  if (Number.isNaN(a) || Number.isNaN(x) || a < 0 || x < 0) return { lower: Number.NaN, upper: Number.NaN };
  if (a === 0) {
    return x > 0 ? { lower: 1, upper: 0 } : { lower: Number.NaN, upper: Number.NaN };
  }
  if (x === 0) return { lower: 0, upper: 1 };
  if (a === Number.POSITIVE_INFINITY) {
    return x === Number.POSITIVE_INFINITY ? { lower: Number.NaN, upper: Number.NaN } : { lower: 0, upper: 1 };
  }
  if (x === Number.POSITIVE_INFINITY) return { lower: 1, upper: 0 };
  if (a >= 1e10) return temme(a, x);
  if (x > a && x >= 1) {
    const upper = upperFraction(a, x);
    return { lower: 1 - upper, upper };
  }
  const lower = lowerSeries(a, x);
  return { lower, upper: 1 - lower };
}

/**
 * Regularized lower incomplete gamma function P(a, x) = gamma(a, x) / Gamma(a), with scipy's
 * argument order (scipy.special.gammainc). NaN for a < 0 or x < 0; P(0, x > 0) = 1.
 * @example gammainc(2, 3) // 0.8008517265285442
 */
export function gammainc(a: number, x: number): number {
  return incompleteGamma(a, x).lower;
}

/**
 * Regularized upper incomplete gamma function Q(a, x) = 1 - P(a, x), computed directly in the
 * upper tail so tiny values keep full relative precision (scipy.special.gammaincc).
 * @example gammaincc(1, 100) // 3.7200759760208177e-44 (= e^-100)
 */
export function gammaincc(a: number, x: number): number {
  return incompleteGamma(a, x).upper;
}
