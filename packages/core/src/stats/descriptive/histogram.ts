import { VigieError } from '../../errors/index.js';
import type { Sample } from '../input.js';
import { type BinRule, checkIncreasing, histogramBinEdges, outerEdges } from './histogram-bin-edges.js';
import { linspace } from './linspace.js';
import { firstAbove, firstAtLeast } from './search-sorted.js';

export interface Histogram {
  /** counts[i] = number of values in [edges[i], edges[i+1]); the last bin also holds edges[m]. */
  counts: Float64Array;
  edges: Float64Array;
}

export interface HistogramOptions {
  /** Lower and upper edge when `bins` is a count or a rule; default the data's min and max. */
  range?: readonly [number, number];
}

/**
 * Counts per bin as `numpy.histogram(x, bins, range)`. `bins` is either explicit edges
 * (non-decreasing, at least 2), a bin count (equal-width bins over `range`, default 10), or a
 * rule name as in `histogramBinEdges`. Bins are half-open [e_i, e_i+1) except the last, which is
 * closed; values outside the edges are ignored, and so is NaN (numpy never counts NaN either;
 * but, as numpy, a count or rule without `range` throws on NaN or ±Infinity in x).
 *
 * @example histogram([1, 2, 2, 3, 5], [0, 2, 4, 5]); // counts [1, 3, 1]
 * @example histogram([1, 2, 2, 3, 5], 2); // counts [3, 2], edges [1, 3, 5]
 */
export function histogram(
  x: Sample,
  bins: Sample | number | BinRule = 10,
  options: HistogramOptions = {},
): Histogram {
  if (typeof bins === 'number' || typeof bins === 'string') {
    const edges = histogramBinEdges(x, { bins, range: options.range });
    return { counts: countOnEdges(x, edges), edges };
  }
  const edges = Float64Array.from(bins);
  if (edges.length < 2)
    throw new VigieError('INVALID_ARGUMENT', 'histogram: at least two bin edges are needed');
  for (let i = 0; i < edges.length; i++) {
    if (Number.isNaN(edges[i]!) || (i > 0 && edges[i - 1]! > edges[i]!)) {
      throw new VigieError('INVALID_ARGUMENT', 'histogram: bin edges must increase monotonically');
    }
  }
  return { counts: countOnEdges(x, edges), edges };
}

/**
 * Equal-width histogram, the fast kernel: identical to `numpy.histogram(x, bins=nBins,
 * range=(lo, hi))` including numpy's edges (`linspace`), its widening of an empty range to
 * [lo - 0.5, hi + 0.5], and its rule that a value equal to an edge belongs to the bin on its
 * right (the last bin is closed). Per value: one multiply for the bin guess, then a comparison
 * with the actual edges (the guess can be one ulp off). Values outside [lo, hi] and NaN are
 * ignored.
 *
 * @example histogramUniform([0.5, 1.5, 1.5, 2], 0, 2, 2); // counts [1, 3], edges [0, 1, 2]
 */
export function histogramUniform(x: Sample, lo: number, hi: number, nBins: number): Histogram {
  const edges = uniformEdges('histogramUniform', x, lo, hi, nBins);
  return { counts: countOnEdges(x, edges), edges };
}

/** numpy's equal-width edges over [lo, hi] (widened when empty), nBins checked. */
function uniformEdges(caller: string, x: Sample, lo: number, hi: number, nBins: number): Float64Array {
  if (!Number.isInteger(nBins) || nBins < 1) {
    throw new VigieError('INVALID_ARGUMENT', `${caller}: nBins must be a positive integer, got ${nBins}`);
  }
  const [first, last] = outerEdges(x, [lo, hi]);
  const edges = linspace(first, last, nBins + 1);
  checkIncreasing(edges);
  return edges;
}

/**
 * `histogramUniform` of data already sorted ascending (NaN last): the same counts from one binary
 * search per edge instead of a pass over the values. With `weights`, `sorted` holds distinct
 * values and `weights[i]` how often `sorted[i]` occurs (a tally): the counts are those of the data
 * the tally describes.
 */
export function histogramUniformSorted(
  sorted: Float64Array,
  lo: number,
  hi: number,
  nBins: number,
  weights?: Float64Array,
): Histogram {
  const edges = uniformEdges('histogramUniformSorted', sorted, lo, hi, nBins);
  const counts = new Float64Array(nBins);
  // Bin i holds edges[i] <= v < edges[i + 1]; the last one also v = edges[m].
  let start = firstAtLeast(sorted, edges[0]!);
  for (let i = 0; i < nBins; i++) {
    const end = i === nBins - 1 ? firstAbove(sorted, edges[nBins]!) : firstAtLeast(sorted, edges[i + 1]!);
    if (weights === undefined) counts[i] = end - start;
    else for (let j = start; j < end; j++) counts[i]! += weights[j]!;
    start = end;
  }
  return { counts, edges };
}

/**
 * numpy's semantics (searchsorted on the edges): value v goes to the largest bin i < m with
 * edges[i] <= v, if edges[0] <= v <= edges[m]; numpy's equal-width path gets the same answer
 * by arithmetic, so the counts are identical. Equal-width edges take the arithmetic path too;
 * for other edges a guide table over equal cells of [edges[0],
 * edges[m]] gives each value a small bracket of candidate bins (one cell of slack each side
 * absorbs rounding), searched by bisection: O(1) per value for any edges, not only equal-width
 * ones. Edges with an infinite span use plain bisection.
 */
function countOnEdges(x: Sample, edges: Float64Array): Float64Array {
  if (isNearlyUniform(edges)) return countOnUniformEdges(x, edges);
  const m = edges.length - 1;
  const counts = new Float64Array(m);
  const first = edges[0]!;
  const last = edges[m]!;
  const guide = guideTable(edges);
  const cells = guide.length;
  const scale = cells / (last - first);
  for (let i = 0; i < x.length; i++) {
    const v = x[i]!;
    if (!(v >= first && v <= last)) continue;
    let lo = 0;
    let hi = m - 1;
    if (cells > 0) {
      const c = Math.min(cells - 1, Math.trunc((v - first) * scale));
      lo = guide[c > 0 ? c - 1 : 0]!;
      if (c + 2 < cells) hi = guide[c + 2]!;
    }
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (edges[mid]! <= v) lo = mid;
      else hi = mid - 1;
    }
    counts[lo]!++;
  }
  return counts;
}

/** guide[c] = the largest bin k < m with edges[k] <= the lower end of cell c; empty if the span is not finite. */
function guideTable(edges: Float64Array): Int32Array {
  const m = edges.length - 1;
  const first = edges[0]!;
  const span = edges[m]! - first;
  if (!(span > 0) || !Number.isFinite(span)) return new Int32Array(0);
  const cells = Math.min(1 << 16, Math.max(256, 4 * m));
  const guide = new Int32Array(cells);
  let k = 0;
  for (let c = 0; c < cells; c++) {
    const lower = first + (c / cells) * span;
    while (k < m - 1 && edges[k + 1]! <= lower) k++;
    guide[c] = k;
  }
  return guide;
}

/**
 * Equal-width edges (as `linspace` makes them): the bin is trunc((v - first)·m / span), then a
 * walk of at most a step or two against the actual edges, which the product can miss by an ulp.
 * The walk is needed only near an edge: t = (v - first)·scale is within 3εm of its exact value,
 * and edge i sits at most `deviation` (measured) from i in the same units, so a fractional part of
 * t farther than `slack` from 0 and 1 settles the bin at once.
 */
function countOnUniformEdges(x: Sample, edges: Float64Array): Float64Array {
  const m = edges.length - 1;
  // Integer counts and `| 0` (isNearlyUniform ensures a finite scale, so the product is in
  // [0, m] and `| 0` truncates it) make this loop twice as fast as Float64 counts and Math.trunc.
  const counts = new Uint32Array(m);
  const first = edges[0]!;
  const last = edges[m]!;
  const scale = m / (last - first);
  let deviation = 0;
  for (let i = 1; i < m; i++) deviation = Math.max(deviation, Math.abs((edges[i]! - first) * scale - i));
  const slack = deviation + 16 * Number.EPSILON * (m + 1);
  const far = 1 - slack;
  for (let i = 0; i < x.length; i++) {
    const v = x[i]!;
    if (!(v >= first && v <= last)) continue;
    const t = (v - first) * scale;
    let k = t | 0;
    const f = t - k;
    if (f > slack && f < far) {
      counts[k]!++;
      continue;
    }
    if (k > m - 1) k = m - 1;
    while (k > 0 && v < edges[k]!) k--;
    while (k < m - 1 && v >= edges[k + 1]!) k++;
    counts[k]!++;
  }
  return Float64Array.from(counts);
}

/** Edges within a quarter bin of equal spacing, so the arithmetic guess is off by at most one bin. */
function isNearlyUniform(edges: Float64Array): boolean {
  const m = edges.length - 1;
  const first = edges[0]!;
  const width = (edges[m]! - first) / m;
  // A subnormal span overflows the scale m / span: such edges take the bisection path.
  if (!(width > 0) || !Number.isFinite(width) || !Number.isFinite(m / (edges[m]! - first))) return false;
  for (let i = 1; i < m; i++) if (Math.abs(edges[i]! - (first + i * width)) > 0.25 * width) return false;
  return true;
}
