import { firstAbove } from '../descriptive/search-sorted.js';
import type { LevelStack } from './kll-levels.js';
import { sortFloat64Range } from './sort-float64.js';

/**
 * The weighted sample a KLL sketch stands for, sorted: values ascending and the cumulative weight
 * up to and including each one. Quantile and rank queries are binary searches over it.
 */
export interface SortedView {
  values: Float64Array;
  cumulative: Float64Array;
  total: number;
}

/**
 * Builds the view from the levels (level h has weight unit · 2^h) plus an optional pending item
 * of weight `pendingWeight`.
 */
export function buildSortedView(
  stack: LevelStack,
  unit: number,
  pendingValue: number,
  pendingWeight: number,
): SortedView {
  const numLevels = stack.items.length;
  let count = pendingWeight > 0 ? 1 : 0;
  for (let h = 0; h < numLevels; h++) count += stack.sizes[h]!;
  let values = new Float64Array(count);
  let weights = new Float64Array(count);
  let filled = 0;
  // Merge the sorted levels one at a time into the accumulated (sorted) run.
  let scratchValues = new Float64Array(count);
  let scratchWeights = new Float64Array(count);
  for (let h = 0; h <= numLevels; h++) {
    let run: Float64Array;
    let runLength: number;
    let weight: number;
    if (h < numLevels) {
      runLength = stack.sizes[h]!;
      weight = unit * 2 ** h;
      run = stack.items[h]!;
      if (h === 0) {
        run = run.slice(0, runLength);
        sortFloat64Range(run, 0, runLength);
      }
    } else {
      if (pendingWeight === 0) break;
      run = new Float64Array([pendingValue]);
      runLength = 1;
      weight = pendingWeight;
    }
    if (runLength === 0) continue;
    let i = 0;
    let j = 0;
    let w = 0;
    while (i < filled && j < runLength) {
      if (values[i]! <= run[j]!) {
        scratchValues[w] = values[i]!;
        scratchWeights[w++] = weights[i++]!;
      } else {
        scratchValues[w] = run[j++]!;
        scratchWeights[w++] = weight;
      }
    }
    while (i < filled) {
      scratchValues[w] = values[i]!;
      scratchWeights[w++] = weights[i++]!;
    }
    while (j < runLength) {
      scratchValues[w] = run[j++]!;
      scratchWeights[w++] = weight;
    }
    filled = w;
    [values, scratchValues] = [scratchValues, values];
    [weights, scratchWeights] = [scratchWeights, weights];
  }
  const cumulative = weights;
  let acc = 0;
  for (let i = 0; i < filled; i++) {
    acc += weights[i]!;
    cumulative[i] = acc;
  }
  return { values: values.subarray(0, filled), cumulative: cumulative.subarray(0, filled), total: acc };
}

/**
 * The smallest retained value whose cumulative weight reaches q · total (inverse of the weighted
 * empirical CDF, numpy's `method='inverted_cdf'` when every weight is 1).
 */
export function viewQuantile(view: SortedView, q: number): number {
  const target = q * view.total;
  const cum = view.cumulative;
  let lo = 0;
  let hi = cum.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (cum[mid]! >= target) hi = mid;
    else lo = mid + 1;
  }
  return view.values[lo]!;
}

/** The fraction of the total weight at values ≤ x. */
export function viewRank(view: SortedView, x: number): number {
  const lo = firstAbove(view.values, x);
  return lo === 0 ? 0 : view.cumulative[lo - 1]! / view.total;
}
