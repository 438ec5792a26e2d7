import { argsortFloat64 } from '../stats/index.js';

const EPS = 2.220446049250313e-16;

/**
 * The weighted median as scikit-learn's _weighted_percentile(·, 50, average=True): values sorted,
 * cumulative weights W_i, target t = W_n / 2; i the first index with W_i ≥ t; x_i when W_i − t > ε
 * (absolute float64 epsilon, as scikit-learn), else the mean of x_i and the next value of
 * positive weight. NaN when every weight is 0.
 */
export function weightedMedian(x: Float64Array, w: ArrayLike<number>): number {
  const n = x.length;
  const order = argsortFloat64(x);
  const cdf = new Float64Array(n);
  let total = 0;
  for (let r = 0; r < n; r++) {
    total += w[order[r]!]!;
    cdf[r] = total;
  }
  if (total === 0) return Number.NaN;
  let target = 0.5 * total;
  if (target === 0) target = Number.MIN_VALUE;
  const idx = Math.min(lowerBound(cdf, target, false), n - 1);
  const here = x[order[idx]!]!;
  if (cdf[idx]! - target > EPS) return here;
  let next = Math.min(idx + 1, n - 1);
  if (w[order[next]!] === 0) {
    next = lowerBound(cdf, cdf[idx]!, true);
    if (next > n - 1) next = idx;
  }
  return (here + x[order[next]!]!) / 2;
}

/** numpy.searchsorted on ascending `a`: first index with a[i] ≥ v ('left') or a[i] > v ('right'). */
function lowerBound(a: Float64Array, v: number, right: boolean): number {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (right ? a[mid]! <= v : a[mid]! < v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
