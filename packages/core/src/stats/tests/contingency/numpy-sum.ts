/**
 * numpy's pairwise summation of a Float64Array (`pairwise_sum_DOUBLE`): blocks of at most 128
 * values summed with eight interleaved accumulators, larger ranges split in two at a multiple of
 * eight. scipy sums the test-statistic terms this way; repeating its order keeps statistics whose
 * terms cancel (G statistics near independence) bit-close to scipy's. descriptive has the same
 * kernel but does not export it.
 */
export function numpySum(x: Float64Array, lo = 0, n = x.length - lo): number {
  if (n > 128) {
    let half = Math.floor(n / 2);
    half -= half % 8;
    return numpySum(x, lo, half) + numpySum(x, lo + half, n - half);
  }
  if (n < 8) {
    let res = 0;
    for (let i = lo; i < lo + n; i++) res += x[i]!;
    return res;
  }
  const r = x.slice(lo, lo + 8);
  const end8 = lo + n - (n % 8);
  let i = lo + 8;
  for (; i < end8; i += 8) {
    for (let j = 0; j < 8; j++) r[j] = r[j]! + x[i + j]!;
  }
  let res = r[0]! + r[1]! + (r[2]! + r[3]!) + (r[4]! + r[5]! + (r[6]! + r[7]!));
  for (; i < lo + n; i++) res += x[i]!;
  return res;
}
