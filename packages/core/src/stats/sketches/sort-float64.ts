/**
 * Sorts values[lo, hi) ascending in place. The values must not contain NaN.
 *
 * Why not `Float64Array.prototype.sort`: on the short runs a KLL compactor sorts (a few hundred
 * values) V8's built-in is about 1.5x slower than this quicksort, and the sketch's speed is bound
 * by these sorts. Median-of-three quicksort with insertion sort for short ranges; a heapsort
 * fallback bounds the worst case at O(n log n).
 */
export function sortFloat64Range(values: Float64Array, lo: number, hi: number): void {
  introsort(values, lo, hi, 2 * Math.floor(Math.log2(Math.max(1, hi - lo)) + 1));
}

const INSERTION_MAX = 16;

function introsort(a: Float64Array, lo: number, hi: number, depth: number): void {
  while (hi - lo > INSERTION_MAX) {
    if (depth-- === 0) {
      heapsort(a, lo, hi);
      return;
    }
    const x = a[lo]!;
    const y = a[(lo + hi) >>> 1]!;
    const z = a[hi - 1]!;
    const pivot = Math.max(Math.min(x, y), Math.min(Math.max(x, y), z));
    let i = lo;
    let j = hi - 1;
    while (i <= j) {
      while (a[i]! < pivot) i++;
      while (a[j]! > pivot) j--;
      if (i <= j) {
        const t = a[i]!;
        a[i] = a[j]!;
        a[j] = t;
        i++;
        j--;
      }
    }
    // Recurse into the smaller side so the stack stays O(log n).
    if (j + 1 - lo < hi - i) {
      introsort(a, lo, j + 1, depth);
      lo = i;
    } else {
      introsort(a, i, hi, depth);
      hi = j + 1;
    }
  }
  for (let i = lo + 1; i < hi; i++) {
    const v = a[i]!;
    let j = i - 1;
    while (j >= lo && a[j]! > v) {
      a[j + 1] = a[j]!;
      j--;
    }
    a[j + 1] = v;
  }
}

function heapsort(a: Float64Array, lo: number, hi: number): void {
  const n = hi - lo;
  for (let start = (n >> 1) - 1; start >= 0; start--) siftDown(a, lo, start, n);
  for (let end = n - 1; end > 0; end--) {
    const t = a[lo]!;
    a[lo] = a[lo + end]!;
    a[lo + end] = t;
    siftDown(a, lo, 0, end);
  }
}

function siftDown(a: Float64Array, lo: number, root: number, n: number): void {
  for (;;) {
    let child = 2 * root + 1;
    if (child >= n) return;
    if (child + 1 < n && a[lo + child + 1]! > a[lo + child]!) child++;
    if (!(a[lo + child]! > a[lo + root]!)) return;
    const t = a[lo + root]!;
    a[lo + root] = a[lo + child]!;
    a[lo + child] = t;
    root = child;
  }
}
