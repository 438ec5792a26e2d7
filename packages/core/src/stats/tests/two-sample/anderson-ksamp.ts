import { VigieError } from '../../../errors/index.js';
import type { NanPolicy, Sample } from '../../input.js';
import {
  type AndersonVariant,
  andersonStatistic,
  distinct,
  mergeSorted,
} from './anderson-ksamp-statistic.js';
import { checkChoice, numpySum, prepareSamples, sorted } from './common.js';
import { polyfit2 } from './polyfit.js';

export type { AndersonVariant } from './anderson-ksamp-statistic.js';

export interface AndersonKsampOptions {
  /** scipy's default `midrank=True`: the midrank statistic for discrete data; false gives 'right'. */
  midrank?: boolean;
  /** scipy 1.17's `variant` ('midrank', 'right', 'continuous'); overrides `midrank` when given. */
  variant?: AndersonVariant;
  /**
   * 'propagate' (default) gives a NaN statistic and p-value, 'omit' drops NaN, 'raise' throws.
   * scipy has no nan_policy here and returns a meaningless number (NaN sorts as a value).
   */
  nanPolicy?: NanPolicy;
}

export interface AndersonKsampResult {
  /** Normalized statistic (A²kN - (k-1)) / σN. */
  statistic: number;
  /** Critical values for significance levels 25%, 10%, 5%, 2.5%, 1%, 0.5%, 0.1%. */
  criticalValues: number[];
  /** Interpolated significance level, capped to [0.001, 0.25]. */
  pvalue: number;
}

const VARIANTS: readonly AndersonVariant[] = ['midrank', 'right', 'continuous'];
const SIG = [0.25, 0.1, 0.05, 0.025, 0.01, 0.005, 0.001];
const B0 = [0.675, 1.281, 1.645, 1.96, 2.326, 2.573, 3.085];
const B1 = [-0.245, 0.25, 0.678, 1.149, 1.822, 2.364, 3.615];
const B2 = [-0.105, -0.305, -0.362, -0.391, -0.396, -0.345, -0.154];

/**
 * k-sample Anderson-Darling test as `scipy.stats.anderson_ksamp(samples)` (one argument, the list
 * of samples, as scipy): Scholz & Stephens' A²kN (midrank version by default, for data with
 * ties), normalized by its exact null mean k-1 and variance σ²N. Critical values follow Scholz &
 * Stephens' fit b0 + b1/√m + b2/m (m = k-1). The p-value is scipy's: exp of the quadratic fit of
 * log(significance) on the critical values, evaluated at the statistic, and CAPPED: 0.25 when the
 * statistic is below the 25% critical value and 0.001 above the 0.1% one (scipy warns there;
 * Vigie returns the same numbers silently). scipy's permutation `method` is not offered.
 * Throws INVALID_ARGUMENT for fewer than two samples, an empty sample, fewer than two distinct
 * values, or two values in all (where scipy fails with an IndexError).
 *
 * @example andersonKsamp([[1, 2, 3, 4, 5], [3, 4, 5, 6, 7, 8]]); // { statistic: 2.05426131446075, criticalValues: [0.325, 1.226, ...], pvalue: 0.0463221357348410 }
 */
export function andersonKsamp(
  samples: readonly Sample[],
  options: AndersonKsampOptions = {},
): AndersonKsampResult {
  const { midrank = true, nanPolicy = 'propagate' } = options;
  const variant = checkChoice(
    'andersonKsamp',
    'variant',
    options.variant ?? (midrank ? 'midrank' : 'right'),
    VARIANTS,
  );
  const k = samples.length;
  if (k < 2) throw new VigieError('INVALID_ARGUMENT', 'andersonKsamp: needs at least two samples');
  const m = k - 1;
  const criticalValues = B0.map((b0, i) => b0 + B1[i]! / Math.sqrt(m) + B2[i]! / m);
  const groups = prepareSamples(samples, nanPolicy, 'andersonKsamp');
  if (groups === null) return { statistic: Number.NaN, criticalValues, pvalue: Number.NaN };
  const sortedGroups = groups.map(sorted);
  const z = mergeSorted(sortedGroups);
  const bigN = z.length;
  const { zstar, counts } = distinct(z);
  if (zstar.length < 2) {
    throw new VigieError('INVALID_ARGUMENT', 'andersonKsamp: needs more than one distinct observation');
  }
  if (groups.some((g) => g.length === 0)) {
    throw new VigieError('INVALID_ARGUMENT', 'andersonKsamp: a sample has no observations');
  }
  if (bigN < 3) throw new VigieError('INVALID_ARGUMENT', 'andersonKsamp: needs at least three observations');
  const a2kn = andersonStatistic(variant, sortedGroups, z, zstar, counts);
  const statistic = (a2kn - m) / Math.sqrt(nullVariance(groups, bigN));
  return { statistic, criticalValues, pvalue: interpolatedPvalue(statistic, criticalValues) };
}

/** σ²N, the exact variance of A²kN under the null (Scholz & Stephens 1987, eq. 4), in scipy's order. */
function nullVariance(groups: readonly Float64Array[], bigN: number): number {
  const k = groups.length;
  let hSum = 0;
  for (const g of groups) hSum += 1.0 / g.length;
  // hsCs[i] = Σ_{j = N-1-i}^{N-1} 1/j ... as numpy's cumsum of 1/(N-1), 1/(N-2), ..., 1/2.
  const hsCs = new Float64Array(bigN - 2);
  for (let i = 0, acc = 0; i < bigN - 2; i++) {
    acc += 1.0 / (bigN - 1 - i);
    hsCs[i] = acc;
  }
  const h = hsCs[bigN - 3]! + 1;
  const ratio = new Float64Array(bigN - 2);
  for (let i = 0; i < bigN - 2; i++) ratio[i] = hsCs[i]! / (i + 2);
  const g = numpySum(ratio);
  const a = (4 * g - 6) * (k - 1) + (10 - 6 * g) * hSum;
  const b = (2 * g - 4) * k ** 2 + 8 * h * k + (2 * g - 14 * h - 4) * hSum - 8 * h + 4 * g - 6;
  const c = (6 * h + 2 * g - 2) * k ** 2 + (4 * h - 4 * g + 6) * k + (2 * h - 6) * hSum + 4 * h;
  const d = (2 * h + 6) * k ** 2 - 4 * h * k;
  return (a * bigN ** 3 + b * bigN ** 2 + c * bigN + d) / ((bigN - 1.0) * (bigN - 2.0) * (bigN - 3.0));
}

function interpolatedPvalue(statistic: number, critical: number[]): number {
  if (statistic < Math.min(...critical)) return 0.25;
  if (statistic > Math.max(...critical)) return 0.001;
  const [c2, c1, c0] = polyfit2(critical, SIG.map(Math.log));
  return Math.exp((c2 * statistic + c1) * statistic + c0);
}
