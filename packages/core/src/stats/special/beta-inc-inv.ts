import { betainc, betaincc } from './beta-inc.js';
import { solveLogNewton } from './log-newton.js';
import { betaln } from './stdlib.js';
import { stdlib } from './stdlib-lazy.js';

const LOG_MIN = -745.2;
const LOG_TINY = -690;
const LOG_HALF = -Math.LN2;
const DBL_MIN = 2.2250738585072014e-308;

/** A point of (0, 1) known together with its complement, both to full relative precision. */
export interface UnitPair {
  x: number;
  /** 1 - x */
  y: number;
  /** log x and log(1 - x), finite even when x or 1 - x underflows. */
  logX: number;
  logY: number;
}

/**
 * Solves I_x(a, b) = p, where q = 1 - p is given separately so either tail can be tiny.
 * The root is searched as t = min(x, 1 - x) (by the symmetry I_x(a, b) = 1 - I_{1-x}(b, a)), in
 * log t, matching whichever of p and q is smaller. stdlib's inverse seeds the iteration when it
 * lands on the right side.
 */
export function betaincinvPair(a: number, b: number, p: number, q: number): UnitPair {
  const nan = { x: Number.NaN, y: Number.NaN, logX: Number.NaN, logY: Number.NaN };
  const zero = { x: 0, y: 1, logX: Number.NEGATIVE_INFINITY, logY: 0 };
  const one = { x: 1, y: 0, logX: 0, logY: Number.NEGATIVE_INFINITY };
  if (Number.isNaN(a) || Number.isNaN(b) || Number.isNaN(p) || Number.isNaN(q)) return nan;
  if (!(a > 0 && b > 0) || !(p >= 0 && p <= 1 && q >= 0 && q <= 1)) return nan;
  if (p === 0) return zero;
  if (q === 0) return one;
  if (a === Number.POSITIVE_INFINITY || b === Number.POSITIVE_INFINITY) {
    if (a === b) return nan;
    return a === Number.POSITIVE_INFINITY ? one : zero;
  }
  // Which half of (0, 1) holds the root: compare with the distribution function at 1/2.
  const lowerHalf = p <= q ? p <= betainc(a, b, 0.5) : q >= betaincc(a, b, 0.5);
  // In the upper half, solve for y = 1 - x with the shapes swapped and the tails exchanged.
  const [s1, s2, pLow, pHigh] = lowerHalf ? [a, b, p, q] : [b, a, q, p];
  const useLower = pLow <= pHigh;
  const target = Math.log(useLower ? pLow : pHigh);
  const logBeta = betaln(s1, s2);

  const finish = (u: number): UnitPair => {
    const t = Math.exp(u);
    const logRest = Math.log1p(-t);
    return lowerHalf
      ? { x: t, y: 1 - t, logX: u, logY: logRest }
      : { x: 1 - t, y: t, logX: logRest, logY: u };
  };
  // I_t(a, b) = t^a / (a B(a, b)) (1 + O(t)): below t ~ 1e-300 the leading term is exact in
  // double precision, which also reaches roots that underflow.
  const tinyRoot = useLower ? (target + Math.log(s1) + logBeta) / s1 : 0;
  if (useLower && tinyRoot < LOG_TINY) return finish(tinyRoot);

  let start: number;
  const guess = useLower ? stdlib.betaincinv(pLow, s1, s2, false) : stdlib.betaincinv(pHigh, s1, s2, true);
  if (guess > 0 && guess <= 0.5) start = Math.log(guess);
  else if (useLower) start = Math.min(LOG_HALF, (target + Math.log(s1) + logBeta) / s1);
  else start = LOG_HALF - 1;

  const u = solveLogNewton({
    start,
    lower: LOG_MIN,
    upper: LOG_HALF,
    evaluate(u) {
      const t = Math.exp(u);
      const value = useLower ? betainc(s1, s2, t) : betaincc(s1, s2, t);
      // d log F / d log t = +-t^a (1 - t)^(b - 1) / (B(a, b) F)
      const slope = Math.exp(s1 * u + (s2 - 1) * Math.log1p(-t) - logBeta) / value;
      return useLower
        ? { value: Math.log(value) - target, slope }
        : { value: target - Math.log(value), slope };
    },
  });
  return finish(u);
}

/** Boost (and so scipy.special) returns the smallest normal double for roots that underflow. */
function clampUnderflow(x: number, p: number): number {
  return x === 0 && p > 0 ? DBL_MIN : x;
}

/**
 * Inverse of the regularized incomplete beta function in x: betainc(a, b, betaincinv(a, b, p)) = p
 * (scipy.special.betaincinv). 0 at p = 0, 1 at p = 1, NaN for p outside [0, 1] or a, b <= 0.
 * @example betaincinv(2, 3, 0.5248) // 0.4
 */
export function betaincinv(a: number, b: number, p: number): number {
  return clampUnderflow(betaincinvPair(a, b, p, 1 - p).x, p);
}

/**
 * Inverse of the complement: betaincc(a, b, betainccinv(a, b, q)) = q, accurate for tiny q
 * (scipy.special.betainccinv).
 * @example betainccinv(2, 3, 0.4752) // 0.4
 */
export function betainccinv(a: number, b: number, q: number): number {
  return clampUnderflow(betaincinvPair(a, b, 1 - q, q).x, 1 - q);
}
