import type { Sample } from '../input.js';

/**
 * Sum with Neumaier's compensated summation: the rounding error of every addition is carried in
 * a second accumulator, so `sum([1e16, 1, 1])` is 10000000000000002 where naive and numpy's
 * pairwise summation give 1e16. Error is O(ε) independent of n (short of catastrophic
 * cancellation of the total). NaN propagates; ±Infinity give the IEEE sum. Empty input sums to 0.
 * Deliberately more accurate than `numpy.sum`; use `mean` for numpy's exact rounding.
 *
 * @example sum([0.1, 0.2, 0.3]); // 0.6
 */
export function sum(x: Sample): number {
  let s = 0;
  let c = 0;
  for (let i = 0; i < x.length; i++) {
    const v = x[i]!;
    const t = s + v;
    c += Math.abs(s) >= Math.abs(v) ? s - t + v : v - t + s;
    s = t;
  }
  // Once s is infinite or NaN the compensation is NaN; the plain IEEE sum is the answer then.
  return Number.isFinite(s) ? s + c : s;
}
