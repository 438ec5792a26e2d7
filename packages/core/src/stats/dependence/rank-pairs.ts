import { argsortFloat64 } from '../descriptive/index.js';

/** Dense ranks 0..distinct-1 of values without NaN (-0 and +0 tie), and how many distinct values. */
export function denseRanks(x: Float64Array): { ranks: Int32Array; distinct: number } {
  const n = x.length;
  const ranks = new Int32Array(n);
  if (n === 0) return { ranks, distinct: 0 };
  const order = argsortFloat64(x);
  let rank = 0;
  let prev = x[order[0]!]!;
  for (let k = 0; k < n; k++) {
    const i = order[k]!;
    const v = x[i]!;
    if (v !== prev) {
      rank++;
      prev = v;
    }
    ranks[i] = rank;
  }
  return { ranks, distinct: rank + 1 };
}

/**
 * Stable counting sort of `order` by key[order[k]] (keys in 0..m-1): O(n + m). Returns a new
 * permutation.
 */
export function countingSortBy(order: Int32Array, key: Int32Array, m: number): Int32Array {
  const starts = new Int32Array(m + 1);
  for (let k = 0; k < order.length; k++) starts[key[order[k]!]! + 1]!++;
  for (let v = 0; v < m; v++) starts[v + 1]! += starts[v]!;
  const out = new Int32Array(order.length);
  for (let k = 0; k < order.length; k++) {
    const i = order[k]!;
    out[starts[key[i]!]!++] = i;
  }
  return out;
}

/**
 * Number of strict inversions (k < l with s[k] > s[l]) by bottom-up merge sort, O(n log n).
 * Equal values are never counted: on a tie the left run is taken first. Sorts `s` in place.
 */
export function countInversions(s: Int32Array): number {
  const n = s.length;
  let src: Int32Array = s;
  let dst: Int32Array = new Int32Array(n);
  let inversions = 0;
  for (let width = 1; width < n; width *= 2) {
    for (let lo = 0; lo < n; lo += 2 * width) {
      const mid = Math.min(lo + width, n);
      const hi = Math.min(lo + 2 * width, n);
      let i = lo;
      let j = mid;
      let w = lo;
      while (i < mid && j < hi) {
        if (src[j]! < src[i]!) {
          // every value left in the left run is greater than src[j]
          inversions += mid - i;
          dst[w++] = src[j++]!;
        } else {
          dst[w++] = src[i++]!;
        }
      }
      while (i < mid) dst[w++] = src[i++]!;
      while (j < hi) dst[w++] = src[j++]!;
    }
    const t = src;
    src = dst;
    dst = t;
  }
  if (src !== s) s.set(src);
  return inversions;
}
