import { VigieError } from '../../../errors/index.js';
import { argsortFloat64 } from '../../descriptive/index.js';
import { chi2 } from '../../distributions/index.js';
import type { NanPolicy, Sample, TestResult } from '../../input.js';
import { concat, prepareSamples } from './common.js';

export interface KruskalOptions {
  /** scipy's nan_policy; 'propagate' (default) gives NaN results. */
  nanPolicy?: NanPolicy;
}

/**
 * Kruskal-Wallis H test as `scipy.stats.kruskal(*samples)`:
 * H = 12/(N(N+1)) Σ R_i²/n_i - 3(N+1) on average ranks of the pooled data, divided by the tie
 * correction 1 - Σ(t³-t)/(N³-N); p = chi2.sf(H, k-1). All values equal gives NaN (0/0); an
 * empty sample gives NaN. At least two samples. nanPolicy through `kruskalWithOptions`.
 *
 * @example kruskal([1, 3, 5, 7, 9], [2, 4, 6, 8, 10]); // { statistic: 0.2727272727272734, pvalue: 0.6015081344405895 }
 */
export function kruskal(...samples: Sample[]): TestResult {
  return kruskalWithOptions(samples, {});
}

/**
 * `kruskal` with options, since options cannot follow the rest parameter.
 *
 * @example kruskalWithOptions([[1, 3, Number.NaN], [2, 4, 6]], { nanPolicy: 'omit' }); // { statistic: 1.3333333333333357, pvalue: 0.2482130789899... }
 */
export function kruskalWithOptions(samples: readonly Sample[], options: KruskalOptions = {}): TestResult {
  const { nanPolicy = 'propagate' } = options;
  if (samples.length < 2) {
    throw new VigieError(
      'INVALID_ARGUMENT',
      `kruskal: at least two samples are required, got ${samples.length}`,
    );
  }
  const groups = prepareSamples(samples, nanPolicy, 'kruskal');
  if (groups === null || groups.some((g) => g.length === 0))
    return { statistic: Number.NaN, pvalue: Number.NaN };
  const all = concat(groups);
  const totaln = all.length;
  const group = new Uint32Array(totaln);
  for (let i = 0, at = 0; i < groups.length; at += groups[i]!.length, i++) {
    group.fill(i, at, at + groups[i]!.length);
  }
  const rankSums = new Float64Array(groups.length);
  let tieTerm = 0;
  const order = argsortFloat64(all);
  let i = 0;
  while (i < totaln) {
    const v = all[order[i]!]!;
    let j = i + 1;
    while (j < totaln && all[order[j]!] === v) j++;
    const rank = (i + 1 + j) / 2;
    for (let t = i; t < j; t++) rankSums[group[order[t]!]!]! += rank;
    const t = j - i;
    tieTerm += t ** 3 - t;
    i = j;
  }
  let ssbn = 0;
  for (let g = 0; g < groups.length; g++) ssbn += rankSums[g]! ** 2 / groups[g]!.length;
  const ties = 1 - tieTerm / (totaln ** 3 - totaln);
  const h = ((12.0 / (totaln * (totaln + 1))) * ssbn - 3 * (totaln + 1)) / ties;
  // scipy's chdtrc gives NaN below 0, which rounding reaches when the rank sums are balanced.
  const pvalue = h < 0 ? Number.NaN : chi2.sf(h, groups.length - 1);
  return { statistic: h, pvalue };
}
