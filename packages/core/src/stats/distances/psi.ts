import { VigieError } from '../../errors/index.js';
import { sortedOrSelf } from '../descriptive/index.js';
import { firstAtLeast } from '../descriptive/search-sorted.js';
import type { NanPolicy, Sample } from '../input.js';
import { nonEmptySample, presortedSample } from './validate.js';

export interface PsiCountsOptions {
  /** Floor on each bin proportion so empty bins give a finite log ratio. Default 1e-4. */
  epsilon?: number;
}

export interface PsiOptions extends PsiCountsOptions {
  /** Number of bins before deduplication of equal edges. Default 10. */
  bins?: number;
  /**
   * 'quantile' (default): inner edges at the reference quantiles k / bins (numpy's default
   * 'linear' interpolation), duplicates removed. 'uniform': inner edges at
   * min + k·(max − min) / bins of the reference (as numpy.linspace).
   */
  binning?: 'quantile' | 'uniform';
  /** NaN in either sample: 'propagate' (default) returns NaN, 'omit' drops them, 'raise' throws. */
  nanPolicy?: NanPolicy;
  /**
   * Both samples are Float64Arrays already ascending without NaN (drift keeps its columns so):
   * the NaN policy and order checks are skipped. The caller vouches for it.
   */
  presorted?: boolean;
}

/**
 * Population stability index of `current` against `reference`, on numeric samples.
 * Bin edges come from the reference only: the inner edges described under `binning`, then
 * −∞ and +∞ as outer edges so every value of either sample lands in a bin. Bins are closed on
 * the left, [e_k, e_{k+1}) (as numpy.digitize and numpy.histogram). With r_k and c_k the share of
 * each sample in bin k, each floored as p = max(count / n, epsilon) (not renormalized),
 * PSI = Σ (c_k − r_k) · ln(c_k / r_k), which is ≥ 0 term by term.
 * Common reading: < 0.1 stable, 0.1–0.25 moderate shift, > 0.25 major shift.
 *
 * @example psi([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], [3, 4, 5, 6, 7, 8, 9, 10, 11, 12], { bins: 5 }) // 1.658...
 */
export function psi(reference: Sample, current: Sample, options: PsiOptions = {}): number {
  const fn = 'psi';
  const bins = options.bins ?? 10;
  const binning = options.binning ?? 'quantile';
  const epsilon = checkEpsilon(options.epsilon, fn);
  if (!Number.isInteger(bins) || bins < 1) {
    throw new VigieError('INVALID_ARGUMENT', `${fn}: bins must be a positive integer, got ${bins}`);
  }
  if (binning !== 'quantile' && binning !== 'uniform') {
    throw new VigieError(
      'INVALID_ARGUMENT',
      `${fn}: binning must be 'quantile' or 'uniform', got ${binning}`,
    );
  }
  const nanPolicy = options.nanPolicy ?? 'propagate';
  const presorted = options.presorted === true;
  const ref = presorted
    ? presortedSample(reference, fn, 'reference')
    : nonEmptySample(reference, nanPolicy, fn, 'reference');
  const cur = presorted
    ? presortedSample(current, fn, 'current')
    : nonEmptySample(current, nanPolicy, fn, 'current');
  if (ref === null || cur === null) return Number.NaN;
  const sortedRef = presorted ? ref : sortedOrSelf(ref);
  const edges = binning === 'quantile' ? quantileEdges(sortedRef, bins) : uniformEdges(sortedRef, bins);
  const refCounts = countSorted(sortedRef, edges);
  // A sorted current sample (drift passes one) is counted by bisection at the edges alone.
  const curCounts = presorted || isAscending(cur) ? countSorted(cur, edges) : countUnsorted(cur, edges);
  return psiTerms(refCounts, ref.length, curCounts, cur.length, epsilon);
}

/**
 * PSI from per-bin (or per-category) counts of the reference and current samples, for
 * categorical or pre-binned data: proportions count / total floored at `epsilon`, then
 * Σ (c_k − r_k) · ln(c_k / r_k). Both vectors must have the same length and positive totals.
 *
 * @example psiFromCounts([50, 30, 20], [40, 30, 30]) // 0.06286...
 */
export function psiFromCounts(refCounts: Sample, curCounts: Sample, options: PsiCountsOptions = {}): number {
  const fn = 'psiFromCounts';
  const epsilon = checkEpsilon(options.epsilon, fn);
  if (refCounts.length !== curCounts.length) {
    throw new VigieError(
      'INVALID_ARGUMENT',
      `${fn}: refCounts and curCounts differ in length (${refCounts.length} vs ${curCounts.length})`,
    );
  }
  if (refCounts.length === 0) throw new VigieError('EMPTY_INPUT', `${fn}: no bins`);
  const refTotal = total(refCounts, fn, 'refCounts');
  const curTotal = total(curCounts, fn, 'curCounts');
  return psiTerms(refCounts, refTotal, curCounts, curTotal, epsilon);
}

function psiTerms(ref: Sample, refTotal: number, cur: Sample, curTotal: number, epsilon: number): number {
  let s = 0;
  for (let k = 0; k < ref.length; k++) {
    const r = Math.max(ref[k]! / refTotal, epsilon);
    const c = Math.max(cur[k]! / curTotal, epsilon);
    s += (c - r) * Math.log(c / r);
  }
  return s;
}

function total(counts: Sample, fn: string, name: string): number {
  let s = 0;
  for (let k = 0; k < counts.length; k++) {
    const v = counts[k]!;
    if (!(v >= 0 && v < Number.POSITIVE_INFINITY)) {
      throw new VigieError(
        'INVALID_ARGUMENT',
        `${fn}: ${name} must hold finite non-negative counts, got ${v}`,
      );
    }
    s += v;
  }
  if (s === 0) throw new VigieError('EMPTY_INPUT', `${fn}: ${name} sums to 0`);
  return s;
}

function checkEpsilon(epsilon: number | undefined, fn: string): number {
  const e = epsilon ?? 1e-4;
  if (!(e > 0 && e < 1))
    throw new VigieError('INVALID_ARGUMENT', `${fn}: epsilon must be in (0, 1), got ${e}`);
  return e;
}

/** Distinct inner edges at the quantiles k / bins, k = 1..bins−1, numpy 'linear' method. */
function quantileEdges(sorted: Float64Array, bins: number): Float64Array {
  const edges: number[] = [];
  for (let k = 1; k < bins; k++) pushDistinct(edges, quantileLinear(sorted, k / bins));
  return Float64Array.from(edges);
}

/** Distinct inner edges min + k·step, step = (max − min) / bins, as numpy.linspace. */
function uniformEdges(sorted: Float64Array, bins: number): Float64Array {
  const lo = sorted[0]!;
  const step = (sorted[sorted.length - 1]! - lo) / bins;
  const edges: number[] = [];
  for (let k = 1; k < bins; k++) pushDistinct(edges, k * step + lo);
  return Float64Array.from(edges);
}

function pushDistinct(edges: number[], e: number): void {
  if (edges.length === 0 || e > edges[edges.length - 1]!) edges.push(e);
}

/** numpy.quantile(x, q) with method 'linear', including numpy's two-sided lerp. */
function quantileLinear(sorted: Float64Array, q: number): number {
  const n = sorted.length;
  const virtual = (n - 1) * q;
  if (virtual >= n - 1) return sorted[n - 1]!;
  const lo = Math.floor(virtual);
  const gamma = virtual - lo;
  const a = sorted[lo]!;
  const b = sorted[lo + 1]!;
  const diff = b - a;
  return gamma >= 0.5 ? b - diff * (1 - gamma) : a + diff * gamma;
}

/** Counts per bin [e_k, e_{k+1}) of an ascending sample: one binary search per edge. */
function countSorted(sorted: Float64Array, edges: Float64Array): Float64Array {
  const counts = new Float64Array(edges.length + 1);
  let start = 0;
  for (let k = 0; k < edges.length; k++) {
    const end = firstAtLeast(sorted, edges[k]!, start);
    counts[k] = end - start;
    start = end;
  }
  counts[edges.length] = sorted.length - start;
  return counts;
}

function isAscending(x: Float64Array): boolean {
  for (let i = 1; i < x.length; i++) if (!(x[i - 1]! <= x[i]!)) return false;
  return true;
}

/** Counts per bin of an unsorted sample: the bin is the number of edges ≤ x. */
function countUnsorted(x: Float64Array, edges: Float64Array): Float64Array {
  const m = edges.length;
  const counts = new Float64Array(m + 1);
  for (let i = 0; i < x.length; i++) {
    const v = x[i]!;
    let lo = 0;
    let hi = m;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (edges[mid]! <= v) lo = mid + 1;
      else hi = mid;
    }
    counts[lo]!++;
  }
  return counts;
}
