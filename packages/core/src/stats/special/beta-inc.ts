import { stdlib } from './stdlib-lazy.js';

/** Edge cases as scipy.special.betainc (Boost's ibeta); `null` when the regular algorithm applies. */
function edgeLower(a: number, b: number, x: number): number | null {
  if (Number.isNaN(a) || Number.isNaN(b) || Number.isNaN(x)) return Number.NaN;
  if (a < 0 || b < 0 || x < 0 || x > 1) return Number.NaN;
  if (a === 0 && b === 0) return Number.NaN;
  if (a === Number.POSITIVE_INFINITY && b === Number.POSITIVE_INFINITY) return Number.NaN;
  // A zero shape puts all the mass at one end, an infinite one at the other.
  if (a === 0 || b === Number.POSITIVE_INFINITY) return 1;
  if (b === 0 || a === Number.POSITIVE_INFINITY) return 0;
  if (x === 0) return 0;
  if (x === 1) return 1;
  return null;
}

/**
 * Regularized incomplete beta function I_x(a, b) with scipy's argument order
 * (scipy.special.betainc). NaN for a < 0, b < 0 or x outside [0, 1].
 * @example betainc(2, 3, 0.4) // 0.5248 (up to rounding)
 */
export function betainc(a: number, b: number, x: number): number {
  const edge = edgeLower(a, b, x);
  if (edge !== null) return edge;
  return stdlib.betainc(x, a, b, true, false);
}

/**
 * Complement 1 - I_x(a, b), computed directly so that tiny upper tails keep full relative
 * precision (scipy.special.betaincc).
 * @example betaincc(2, 3, 0.999) // 3.997e-9
 */
export function betaincc(a: number, b: number, x: number): number {
  const edge = edgeLower(a, b, x);
  if (edge !== null) return Number.isNaN(edge) ? edge : 1 - edge;
  return stdlib.betainc(x, a, b, true, true);
}
