import { VigieError } from '../../errors/index.js';
import { norm } from '../distributions/index.js';
import type { Alternative, NanPolicy, Sample, TestResult } from '../input.js';
import { kendallPExact } from './kendall-exact.js';
import { checkAlternative, clipUnit, pairedNanPolicy, pairedSamples } from './paired.js';
import { countInversions, countingSortBy, denseRanks } from './rank-pairs.js';

export interface KendalltauOptions {
  /** 'b' (default) adjusts for ties in either sample; 'c' (Stuart's) suits rectangular tables. */
  variant?: 'b' | 'c';
  /**
   * How the p-value is computed, as scipy: 'exact' (no ties allowed), 'asymptotic' (normal
   * approximation with tie-corrected variance), or 'auto' (default): exact when there are no ties
   * and n <= 33 or at most one pair is discordant (or concordant), asymptotic otherwise.
   */
  method?: 'auto' | 'exact' | 'asymptotic';
  /** The alternative hypothesis about the correlation: 'two-sided' (default), 'less' or 'greater'. */
  alternative?: Alternative;
  /** scipy's nan_policy: 'propagate' (default) gives NaN, 'omit' drops pairs with a NaN, 'raise' throws. */
  nanPolicy?: NanPolicy;
}

/** Past this many recurrence steps (n × min(c, pairs - c)) the exact distribution is refused. */
const MAX_EXACT_WORK = 5e8;

/**
 * Kendall's tau of two paired samples, as `scipy.stats.kendalltau`. Tau-b is
 * (P - Q) / √((P + Q + T)(P + Q + U)) with P concordant and Q discordant pairs, T pairs tied only
 * in x and U only in y; tau-c is 2(P - Q) / (n²(m - 1)/m), m the smaller number of distinct
 * values. O(n log n) by Knight's algorithm: sort the pairs by (x, y), then Q is the number of
 * inversions of the y sequence, counted by merge sort; ties come from run lengths. The p-value
 * depends only on P - Q (the same for both variants): exact as scipy (see `method`), otherwise
 * normal with scipy's variance
 * [n(n-1)(2n+5) - Σt(t-1)(2t+5) - Σu(u-1)(2u+5)]/18 + 2·T'·U'/(n(n-1))
 * + Σt(t-1)(t-2)·Σu(u-1)(u-2)/(9n(n-1)(n-2)), T' and U' the numbers of tied pairs in x and y.
 * Fewer than 2 pairs or a constant sample give NaN. Departures: scipy divides by zero for n = 2
 * with method 'asymptotic', here the last term, 0/0 there, is 0; an explicit method 'exact' whose
 * recurrence would exceed 5e8 steps throws INPUT_TOO_LARGE instead of running for minutes.
 *
 * @example kendalltau([12, 2, 1, 12, 2], [1, 4, 7, 1, 0]).statistic; // -0.47140452079103173
 */
export function kendalltau(x: Sample, y: Sample, options: KendalltauOptions = {}): TestResult {
  const { variant = 'b', method = 'auto', nanPolicy = 'propagate' } = options;
  const alternative = checkAlternative(options.alternative ?? 'two-sided', 'kendalltau');
  if (variant !== 'b' && variant !== 'c') {
    throw new VigieError('INVALID_ARGUMENT', `kendalltau: variant must be 'b' or 'c', got '${variant}'`);
  }
  if (method !== 'auto' && method !== 'exact' && method !== 'asymptotic') {
    throw new VigieError(
      'INVALID_ARGUMENT',
      `kendalltau: method must be 'auto', 'exact' or 'asymptotic', got '${method}'`,
    );
  }
  const [a0, b0] = pairedSamples(x, y, 'kendalltau');
  const pair = pairedNanPolicy(a0, b0, nanPolicy, 'kendalltau');
  if (pair === null || pair[0].length <= 1) return { statistic: Number.NaN, pvalue: Number.NaN };
  const [a, b] = pair;
  const n = a.length;
  const rx = denseRanks(a);
  const ry = denseRanks(b);

  // Pairs ordered by x, ties in x by y (two stable counting sorts).
  let order: Int32Array = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  order = countingSortBy(countingSortBy(order, ry.ranks, ry.distinct), rx.ranks, rx.distinct);
  const ys = new Int32Array(n);
  let jointTies = 0;
  let run = 1;
  for (let k = 0; k < n; k++) {
    const i = order[k]!;
    ys[k] = ry.ranks[i]!;
    if (k > 0) {
      const p = order[k - 1]!;
      if (rx.ranks[i] === rx.ranks[p] && ry.ranks[i] === ry.ranks[p]) run++;
      else {
        jointTies += (run * (run - 1)) / 2;
        run = 1;
      }
    }
  }
  jointTies += (run * (run - 1)) / 2;
  const tx = tieSums(rx.ranks, rx.distinct);
  const ty = tieSums(ry.ranks, ry.distinct);
  const dis = countInversions(ys);
  const tot = (n * (n - 1)) / 2;
  if (tx.pairs === tot || ty.pairs === tot) return { statistic: Number.NaN, pvalue: Number.NaN };

  const conMinusDis = tot - tx.pairs - ty.pairs + jointTies - 2 * dis;
  let tau: number;
  if (variant === 'b') {
    tau = conMinusDis / Math.sqrt(tot - tx.pairs) / Math.sqrt(tot - ty.pairs);
  } else {
    const m = Math.min(rx.distinct, ry.distinct);
    tau = (2 * conMinusDis) / ((n * n * (m - 1)) / m);
  }
  tau = clipUnit(tau);

  const noTies = tx.pairs === 0 && ty.pairs === 0;
  if (method === 'exact' && !noTies) {
    throw new VigieError('INVALID_ARGUMENT', 'kendalltau: ties found, the exact method cannot be used');
  }
  const exact =
    method === 'exact' || (method === 'auto' && noTies && (n <= 33 || Math.min(dis, tot - dis) <= 1));
  let pvalue: number;
  if (exact) {
    if (n * Math.min(dis, tot - dis) > MAX_EXACT_WORK) {
      throw new VigieError(
        'INPUT_TOO_LARGE',
        `kendalltau: the exact distribution for n = ${n} is too costly; use method 'asymptotic'`,
      );
    }
    pvalue = kendallPExact(n, tot - dis, alternative);
  } else {
    const m = n * (n - 1);
    const triples = tx.triples * ty.triples;
    const variance =
      (m * (2 * n + 5) - tx.weighted - ty.weighted) / 18 +
      (2 * tx.pairs * ty.pairs) / m +
      (triples === 0 ? 0 : triples / (9 * m * (n - 2)));
    const z = conMinusDis / Math.sqrt(variance);
    pvalue =
      alternative === 'less'
        ? norm.cdf(z)
        : alternative === 'greater'
          ? norm.sf(z)
          : 2 * norm.sf(Math.abs(z));
  }
  return { statistic: tau, pvalue };
}

/** scipy's count_rank_tie: Σ t(t-1)/2, Σ t(t-1)(t-2) and Σ t(t-1)(2t+5) over tie groups of size t. */
function tieSums(ranks: Int32Array, distinct: number): { pairs: number; triples: number; weighted: number } {
  const counts = new Float64Array(distinct);
  for (let i = 0; i < ranks.length; i++) counts[ranks[i]!]!++;
  let pairs = 0;
  let triples = 0;
  let weighted = 0;
  for (let v = 0; v < distinct; v++) {
    const t = counts[v]!;
    if (t < 2) continue;
    pairs += (t * (t - 1)) / 2;
    triples += t * (t - 1) * (t - 2);
    weighted += t * (t - 1) * (2 * t + 5);
  }
  return { pairs, triples, weighted };
}
