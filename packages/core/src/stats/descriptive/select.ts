import { VigieError } from '../../errors/index.js';
import type { Sample } from '../input.js';

/**
 * The k-th smallest value (0-based), i.e. `sortFloat64(x)[k]`, in expected O(n) time without
 * sorting: Floyd-Rivest selection on a copy (x is not modified). NaN ranks last, as in a sort,
 * so k past the non-NaN values gives NaN. `k` must be an integer in [0, n).
 *
 * @example select([9, 1, 8, 2, 7], 2); // 7
 */
export function select(x: Sample, k: number): number {
  if (!Number.isInteger(k) || k < 0 || k >= x.length) {
    throw new VigieError('INVALID_ARGUMENT', `select: k must be an integer in [0, ${x.length}), got ${k}`);
  }
  const a = new Float64Array(x.length);
  let m = 0;
  for (let i = 0; i < x.length; i++) {
    const v = x[i]!;
    if (v === v) a[m++] = v;
  }
  if (k >= m) return Number.NaN;
  selectInPlace(a, k, 0, m - 1);
  return a[k]!;
}

/**
 * Rearranges a[left..right] (NaN-free) so that a[k] holds the value it would have after sorting,
 * with smaller-or-equal values before it and greater-or-equal after (`numpy.partition`).
 *
 * Floyd-Rivest (single-pivot form): recursively select k within a window of about n^(2/3) values
 * around k, offset so that k almost surely falls on the smaller side, and partition the range
 * around that value; the range shrinks to roughly the offset in one pass. Like introselect, if
 * partitioning stops shrinking the range fast enough (adversarial input) the range is sorted
 * instead, bounding the worst case to O(n log n).
 */
export function selectInPlace(a: Float64Array, k0: number, left0: number, right0: number): void {
  // Int32 indices keep the optimized loop on integer arithmetic; a double k (e.g. read from a
  // Float64Array) would otherwise make every index a float-to-int conversion, ~3x slower.
  const k = k0 | 0;
  let left = left0 | 0;
  let right = right0 | 0;
  let budget = 4 * Math.ceil(Math.log2(right - left + 2)) + 8;
  while (right > left) {
    if (--budget < 0) {
      a.subarray(left, right + 1).sort();
      return;
    }
    if (right - left > 600) {
      const n = right - left + 1;
      const i = k - left + 1;
      const z = Math.log(n);
      const s = 0.5 * Math.exp((2 * z) / 3);
      const sd = 0.5 * Math.sqrt((z * s * (n - s)) / n) * (i - n / 2 < 0 ? -1 : 1);
      const newLeft = Math.max(left, Math.floor(k - (i * s) / n + sd)) | 0;
      const newRight = Math.min(right, Math.floor(k + ((n - i) * s) / n + sd)) | 0;
      selectInPlace(a, k, newLeft, newRight);
    }
    const t = a[k]!;
    let i = left;
    let j = right;
    swap(a, left, k);
    if (a[right]! > t) swap(a, left, right);
    while (i < j) {
      swap(a, i, j);
      i++;
      j--;
      while (a[i]! < t) i++;
      while (a[j]! > t) j--;
    }
    if (a[left] === t) swap(a, left, j);
    else {
      j++;
      swap(a, j, right);
    }
    if (j <= k) left = j + 1;
    if (k <= j) right = j - 1;
  }
}

/**
 * Partitions a NaN-free `a` so that every index in `ks` (sorted ascending, distinct) holds its
 * sorted value: select the middle rank, then recurse on each side with the ranks that fall there.
 */
export function selectManyInPlace(a: Float64Array, ks: ArrayLike<number>): void {
  const go = (kLo: number, kHi: number, left: number, right: number): void => {
    if (kLo > kHi || left > right) return;
    const mid = (kLo + kHi) >> 1;
    const k = ks[mid]!;
    selectInPlace(a, k, left, right);
    go(kLo, mid - 1, left, k - 1);
    go(mid + 1, kHi, k + 1, right);
  };
  go(0, ks.length - 1, 0, a.length - 1);
}

function swap(a: Float64Array, i: number, j: number): void {
  const t = a[i]!;
  a[i] = a[j]!;
  a[j] = t;
}
