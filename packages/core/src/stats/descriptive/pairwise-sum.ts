/**
 * numpy's pairwise summation (`pairwise_sum_DOUBLE` in numpy/_core/src/umath/loops_utils.h),
 * reproduced operation for operation so that mean, var, std, skew and kurtosis agree with
 * numpy / scipy to the last bit: blocks of at most 128 values are summed with eight interleaved
 * accumulators, larger ranges are split in two at a multiple of eight. Error grows as O(log n).
 *
 * The summed terms are (x - center)^power, formed as numpy forms them: d = x - center, then
 * d*d, (d*d)*d or (d*d)*(d*d). Power 1 with center 0 is the plain sum.
 */
export type Power = 1 | 2 | 3 | 4;

const BLOCK = 128;

export function pairwiseSum(
  x: Float64Array,
  center = 0,
  power: Power = 1,
  lo = 0,
  n = x.length - lo,
): number {
  if (n <= BLOCK) return blockSum(x, center, power, lo, n);
  let half = Math.floor(n / 2);
  half -= half % 8;
  return pairwiseSum(x, center, power, lo, half) + pairwiseSum(x, center, power, lo + half, n - half);
}

function term(v: number, center: number, power: Power): number {
  const d = v - center;
  if (power === 1) return d;
  const d2 = d * d;
  if (power === 2) return d2;
  return power === 3 ? d2 * d : d2 * d2;
}

function blockSum(x: Float64Array, c: number, p: Power, lo: number, n: number): number {
  if (n < 8) {
    let res = 0;
    for (let i = lo; i < lo + n; i++) res += term(x[i]!, c, p);
    return res;
  }
  let r0 = term(x[lo]!, c, p);
  let r1 = term(x[lo + 1]!, c, p);
  let r2 = term(x[lo + 2]!, c, p);
  let r3 = term(x[lo + 3]!, c, p);
  let r4 = term(x[lo + 4]!, c, p);
  let r5 = term(x[lo + 5]!, c, p);
  let r6 = term(x[lo + 6]!, c, p);
  let r7 = term(x[lo + 7]!, c, p);
  const end8 = lo + n - (n % 8);
  let i = lo + 8;
  for (; i < end8; i += 8) {
    r0 += term(x[i]!, c, p);
    r1 += term(x[i + 1]!, c, p);
    r2 += term(x[i + 2]!, c, p);
    r3 += term(x[i + 3]!, c, p);
    r4 += term(x[i + 4]!, c, p);
    r5 += term(x[i + 5]!, c, p);
    r6 += term(x[i + 6]!, c, p);
    r7 += term(x[i + 7]!, c, p);
  }
  let res = r0 + r1 + (r2 + r3) + (r4 + r5 + (r6 + r7));
  for (; i < lo + n; i++) res += term(x[i]!, c, p);
  return res;
}
