/**
 * Binary searches in ascending data (NaN last, where a NaN counts as above every number), as
 * numpy's `searchsorted` with side 'left' and 'right'.
 */

/** The first index ≥ `from` whose value is ≥ e: the number of values below e (side 'left'). */
export function firstAtLeast(sorted: ArrayLike<number>, e: number, from = 0): number {
  let lo = from;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! < e) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The first index ≥ `from` whose value is > e: the number of values ≤ e (side 'right'). */
export function firstAbove(sorted: ArrayLike<number>, e: number, from = 0): number {
  let lo = from;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! <= e) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
