import { VigieError } from '../../errors/index.js';
import type { Sample } from '../input.js';
import { linspace } from './linspace.js';
import { mean, std } from './mean.js';
import { pairwiseSum } from './pairwise-sum.js';
import { quantiles } from './quantile.js';

export type BinRule = 'auto' | 'fd' | 'doane' | 'scott' | 'sqrt' | 'rice' | 'sturges';

export interface HistogramBinEdgesOptions {
  /** A bin count (default 10) or the name of a bin-width rule. */
  bins?: number | BinRule;
  /** Lower and upper edge; default the data's min and max. Values outside are ignored by rules. */
  range?: readonly [number, number] | undefined;
}

/** Guard against absurd allocations (numpy runs out of memory instead). */
const MAX_BINS = 1 << 24;
const SQRT_PI = 1.7724538509055159;

/** Bin width of each rule for non-empty, finite data `a`, formulas and operation order from numpy. */
const RULES: Record<BinRule, (a: Float64Array) => number> = {
  sqrt: (a) => ptp(a) / Math.sqrt(a.length),
  sturges: (a) => ptp(a) / (Math.log2(a.length) + 1),
  rice: (a) => ptp(a) / (2 * a.length ** (1 / 3)),
  scott: (a) => ((24 * SQRT_PI) / a.length) ** (1 / 3) * std(a),
  doane,
  fd: (a) => {
    const [q75, q25] = quantiles(a, [0.75, 0.25]);
    return 2 * (q75! - q25!) * a.length ** (-1 / 3);
  },
  auto: (a) => {
    const fd = RULES.fd(a);
    const sturges = RULES.sturges(a);
    const fdCorrected = Math.max(fd, RULES.sqrt(a) / 2);
    return Math.min(fdCorrected, sturges);
  },
};

function doane(a: Float64Array): number {
  const n = a.length;
  if (n <= 2) return 0;
  const sg1 = Math.sqrt((6 * (n - 2)) / ((n + 1) * (n + 3)));
  const sigma = std(a);
  if (!(sigma > 0)) return 0;
  const mu = mean(a);
  const cubes = new Float64Array(n);
  for (let i = 0; i < n; i++) cubes[i] = ((a[i]! - mu) / sigma) ** 3;
  const g1 = pairwiseSum(cubes) / n;
  return ptp(a) / (1 + Math.log2(n) + Math.log2(1 + Math.abs(g1) / sg1));
}

function ptp(a: Float64Array): number {
  let lo = a[0]!;
  let hi = a[0]!;
  for (let i = 1; i < a.length; i++) {
    const v = a[i]!;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  return hi - lo;
}

/**
 * Bin edges as `numpy.histogram_bin_edges(x, bins, range)`: `bins` + 1 equal-width edges, or for
 * a rule the width it estimates (numpy's formulas: 'sturges' ptp/(log2 n + 1), 'rice'
 * ptp/(2n^⅓), 'sqrt' ptp/√n, 'scott' (24√π/n)^⅓·σ, 'doane' Sturges with a skewness term, 'fd'
 * 2·IQR·n^-⅓, 'auto' min(max(fd, sqrt/2), sturges)) turned into ceil(range / width) bins; a
 * width of 0 gives one bin. The range is the data's [min, max] (widened by ±0.5 when they are
 * equal) unless given; rules then use only the values inside it.
 *
 * Throws INVALID_ARGUMENT where numpy raises (NaN or ±Infinity in x without `range`; rounding
 * leaving some bin empty-width, "too many bins") and, departing from numpy, where numpy would
 * return nonsense or exhaust memory: a rule's width overflowing to Infinity (numpy returns a
 * single edge) and more than 2^24 bins.
 *
 * @example histogramBinEdges([1, 2, 2, 3, 5], { bins: 'sturges' }); // Float64Array [1, 2, 3, 4, 5]
 */
export function histogramBinEdges(x: Sample, options: HistogramBinEdgesOptions = {}): Float64Array {
  const { bins = 10, range } = options;
  const [first, last] = outerEdges(x, range);
  let nBins: number;
  if (typeof bins === 'number') {
    if (!Number.isInteger(bins) || bins < 1) {
      throw new VigieError(
        'INVALID_ARGUMENT',
        `histogramBinEdges: bins must be a positive integer, got ${bins}`,
      );
    }
    nBins = bins;
  } else {
    const rule = Object.hasOwn(RULES, bins) ? RULES[bins] : undefined;
    if (rule === undefined)
      throw new VigieError('INVALID_ARGUMENT', `histogramBinEdges: unknown bin rule '${bins}'`);
    const a = range === undefined ? Float64Array.from(x) : inRange(x, first, last);
    const width = a.length === 0 ? 0 : rule(a);
    nBins = width === 0 ? 1 : Math.ceil((last - first) / width);
    if (!(nBins >= 1)) {
      throw new VigieError(
        'INVALID_ARGUMENT',
        `histogramBinEdges: the '${bins}' bin width (${width}) is unusable`,
      );
    }
  }
  if (nBins > MAX_BINS) {
    throw new VigieError(
      'INVALID_ARGUMENT',
      `histogramBinEdges: ${nBins} bins requested, more than ${MAX_BINS}`,
    );
  }
  const edges = linspace(first, last, nBins + 1);
  checkIncreasing(edges);
  return edges;
}

/** numpy's `_get_outer_edges`: the validated range or the data's finite [min, max], widened when empty. */
export function outerEdges(x: Sample, range: readonly [number, number] | undefined): [number, number] {
  let first: number;
  let last: number;
  if (range !== undefined) {
    [first, last] = range;
    if (first > last) throw new VigieError('INVALID_ARGUMENT', 'histogram: range must have min <= max');
    if (!Number.isFinite(first) || !Number.isFinite(last)) {
      throw new VigieError('INVALID_ARGUMENT', `histogram: supplied range [${first}, ${last}] is not finite`);
    }
  } else if (x.length === 0) {
    first = 0;
    last = 1;
  } else {
    first = Number.POSITIVE_INFINITY;
    last = Number.NEGATIVE_INFINITY;
    for (let i = 0; i < x.length; i++) {
      const v = x[i]!;
      if (v !== v) {
        throw new VigieError(
          'INVALID_ARGUMENT',
          'histogram: autodetected range is not finite (x contains NaN)',
        );
      }
      if (v < first) first = v;
      if (v > last) last = v;
    }
    if (!Number.isFinite(first) || !Number.isFinite(last)) {
      throw new VigieError(
        'INVALID_ARGUMENT',
        `histogram: autodetected range [${first}, ${last}] is not finite`,
      );
    }
  }
  if (first === last) return [first - 0.5, last + 0.5];
  return [first, last];
}

/** Throws as numpy does when rounding collapsed some equal-width bins to zero width. */
export function checkIncreasing(edges: Float64Array): void {
  for (let i = 1; i < edges.length; i++) {
    if (!(edges[i - 1]! < edges[i]!)) {
      throw new VigieError(
        'INVALID_ARGUMENT',
        `histogram: too many bins for the data range, cannot create ${edges.length - 1} finite-sized bins`,
      );
    }
  }
}

function inRange(x: Sample, first: number, last: number): Float64Array {
  const out: number[] = [];
  for (let i = 0; i < x.length; i++) {
    const v = x[i]!;
    if (v >= first && v <= last) out.push(v);
  }
  return Float64Array.from(out);
}
