import { VigieError } from '../../errors/index.js';
import { hasNaN, type NanPolicy, type Sample } from '../input.js';
import { sortFloat64, sortWithOrder } from './radix-sort.js';

export type RankMethod = 'average' | 'min' | 'max' | 'dense' | 'ordinal';

export interface RankdataOptions {
  /**
   * How tied values are ranked, as scipy: 'average' (default) the mean of the ranks they span,
   * 'min' / 'max' the lowest / highest of them, 'dense' consecutive ranks without gaps,
   * 'ordinal' distinct ranks in input order.
   */
  method?: RankMethod;
  /**
   * scipy's nan_policy: 'propagate' (default) makes every rank NaN if any value is NaN; 'omit'
   * ranks the other values and leaves NaN at NaN positions; 'raise' throws.
   */
  nanPolicy?: NanPolicy;
}

const METHODS: readonly RankMethod[] = ['average', 'min', 'max', 'dense', 'ordinal'];

/**
 * Ranks 1..n of the values as `scipy.stats.rankdata`, as a Float64Array (scipy returns integers
 * for methods other than 'average'; the values are the same). -0 and +0 are ties. O(n) after a
 * stable radix argsort.
 *
 * @example rankdata([10, 20, 20, 5]); // Float64Array [2, 3.5, 3.5, 1]
 */
export function rankdata(x: Sample, options: RankdataOptions = {}): Float64Array {
  const { method = 'average', nanPolicy = 'propagate' } = options;
  if (!METHODS.includes(method))
    throw new VigieError('INVALID_ARGUMENT', `rankdata: unknown method '${method}'`);
  const n = x.length;
  const ranks = new Float64Array(n);
  if (n === 0) return ranks;
  if (hasNaN(x)) {
    if (nanPolicy === 'raise') {
      throw new VigieError('INVALID_ARGUMENT', "rankdata: the input contains NaN (nanPolicy 'raise')");
    }
    if (nanPolicy === 'propagate') return ranks.fill(Number.NaN);
  }
  const { order, sorted } = sortWithOrder(x);
  let dense = 0;
  let i = 0;
  while (i < n) {
    const v = sorted[i]!;
    if (v !== v) {
      // NaN sorts last; under 'omit' each keeps NaN as its rank.
      for (; i < n; i++) ranks[order[i]!] = Number.NaN;
      break;
    }
    let j = i + 1;
    while (j < n && sorted[j] === v) j++;
    dense++;
    // Ranks i + 1 .. j are shared by the tie group order[i..j).
    const rank =
      method === 'average' ? (i + 1 + j) / 2 : method === 'min' ? i + 1 : method === 'max' ? j : dense;
    for (let t = i; t < j; t++) ranks[order[t]!] = method === 'ordinal' ? t + 1 : rank;
    i = j;
  }
  return ranks;
}

/** Tie structure of a sample, the correction terms of rank tests. */
export interface TieTerms {
  /** Number of values. */
  n: number;
  /** Size t of every group of equal values with t >= 2, in ascending order of the value. */
  sizes: Float64Array;
  /** Σ(t³ - t) over tie groups: Mann-Whitney's variance correction, Spearman, Kruskal-Wallis. */
  sumT3MinusT: number;
  /** Σ(t² - t) = Σ t(t - 1) over tie groups: Kendall's tau-b pair counts (divide by 2). */
  sumT2MinusT: number;
}

/**
 * Tie group sizes of `values`: raw data or ranks (ranks tie exactly where the data tie), sorted
 * or not (a sorted input is detected and not copied). NaN values are never tied, as in scipy.
 * Use `sumT3MinusT` for Mann-Whitney (σ² = n1·n2/12 · ((n+1) - Σ(t³-t)/(n(n-1)))),
 * Kruskal-Wallis (H / (1 - Σ(t³-t)/(n³-n)), see `tiecorrect`) and Spearman; `sizes` for
 * anything else (e.g. Kendall's Σ t(t-1)(2t+5)).
 *
 * @example tieCorrectionTerms([1, 2, 2, 3, 3, 3]); // { n: 6, sizes: [2, 3], sumT3MinusT: 30, sumT2MinusT: 8 }
 */
export function tieCorrectionTerms(values: Sample): TieTerms {
  const n = values.length;
  const sorted = isSortedNoNaN(values) ? values : sortFloat64(values);
  const sizes: number[] = [];
  let sumT3MinusT = 0;
  let sumT2MinusT = 0;
  let i = 0;
  while (i < n) {
    const v = sorted[i]!;
    let j = i + 1;
    while (j < n && sorted[j] === v) j++;
    const t = j - i;
    if (t > 1) {
      sizes.push(t);
      sumT3MinusT += t * t * t - t;
      sumT2MinusT += t * t - t;
    }
    i = j;
  }
  return { n, sizes: Float64Array.from(sizes), sumT3MinusT, sumT2MinusT };
}

/**
 * Tie correction factor as `scipy.stats.tiecorrect`: 1 - Σ(t³ - t) / (n³ - n), the factor that
 * divides the Kruskal-Wallis H statistic (1 when n < 2).
 *
 * @example tiecorrect([1, 2.5, 2.5, 4]); // 0.9
 */
export function tiecorrect(ranks: Sample): number {
  const { n, sumT3MinusT } = tieCorrectionTerms(ranks);
  return n < 2 ? 1 : 1 - sumT3MinusT / (n * n * n - n);
}

function isSortedNoNaN(x: Sample): boolean {
  for (let i = 1; i < x.length; i++) if (!(x[i - 1]! <= x[i]!)) return false;
  return x.length === 0 || x[0] === x[0];
}
