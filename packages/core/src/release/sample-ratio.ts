import { VigieError } from '../errors/index.js';
import { chisquare } from '../stats/index.js';
import type { Verdict } from '../verdict/index.js';
import { fmt } from './format.js';

export interface SampleRatioInput {
  /** Requests each arm received, in the order of `weights` (e.g. [baseline, candidate]). */
  observed: readonly number[];
  /** The configured shares (any positive scale: [0.95, 0.05] or [95, 5]). */
  weights: readonly number[];
  /** Names of the arms, for the reason. Default arm 1, arm 2, ... */
  arms?: readonly string[];
  /** Significance level; a split this unlikely under the weights is a mismatch. Default 0.001. */
  alpha?: number;
  /** Below this many requests in all, the check is inconclusive. Default 100. */
  minTotal?: number;
}

/**
 * The sample-ratio mismatch check: Pearson's chi-square goodness of fit of the observed split
 * against the configured weights (`scipy.stats.chisquare(observed, total · weights / Σweights)`).
 * A p-value below alpha (0.001 by default, as A/B-testing practice uses to keep false alarms
 * rare) fails: the assignment is biased, so any comparison of the arms is suspect. Arms with a
 * zero weight are left out (they must then have received nothing, or it fails outright).
 *
 * @example sampleRatioCheck({ observed: [9_500, 500], weights: [0.95, 0.05] }).status; // 'pass'
 */
export function sampleRatioCheck(input: SampleRatioInput): Verdict {
  const { observed, weights, alpha = 0.001, minTotal = 100 } = input;
  if (observed.length !== weights.length || observed.length < 2)
    throw new VigieError(
      'INVALID_ARGUMENT',
      'sampleRatioCheck: observed and weights need the same length (≥ 2)',
    );
  const arms = input.arms ?? observed.map((_, i) => `arm ${i + 1}`);
  const total = observed.reduce((a, b) => a + b, 0);
  const weightSum = weights.reduce((a, b) => a + b, 0);
  const shares = weights.map((w) => w / weightSum);
  const observedShares = observed.map((o) => (total > 0 ? o / total : Number.NaN));
  const base = {
    check: 'sample-ratio',
    kind: 'release',
    subject: arms.join(' / '),
    method: 'chi-square goodness of fit of the observed split against the configured weights',
    threshold: alpha,
    comparison: '>=' as const,
    sampleSizes: Object.fromEntries(arms.map((a, i) => [a, observed[i]!])),
    details: { expectedShares: shares, observedShares },
  };
  const split = arms.map((a, i) => `${a} ${observed[i]} (${fmt(100 * shares[i]!)}% expected)`).join(', ');
  const zeroArmHit = shares.findIndex((s, i) => s === 0 && observed[i]! > 0);
  if (zeroArmHit >= 0)
    return {
      ...base,
      status: 'fail',
      value: 0,
      reason: `sample ratio mismatch: ${arms[zeroArmHit]} received ${observed[zeroArmHit]} requests with a weight of 0`,
    };
  if (total < minTotal)
    return {
      ...base,
      status: 'inconclusive',
      value: null,
      reason: `too few requests to check the split (${total} of ${minTotal})`,
      decideBy: `${minTotal - total} more requests`,
    };
  const keep = shares.map((s) => s > 0);
  const obs = observed.filter((_, i) => keep[i]);
  const exp = shares.filter((_, i) => keep[i]).map((s) => s * total);
  const { statistic, pvalue } = chisquare(obs, exp);
  const status = pvalue < alpha ? 'fail' : 'pass';
  return {
    ...base,
    status,
    value: pvalue,
    details: { ...base.details, statistic, pvalue },
    reason:
      status === 'fail'
        ? `sample ratio mismatch: ${split}; chi-square p = ${fmt(pvalue)} < ${alpha}`
        : `the split matches the weights: ${split}; chi-square p = ${fmt(pvalue)}`,
  };
}
