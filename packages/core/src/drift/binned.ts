import { chi2Contingency, jensenshannon } from '../stats/index.js';
import type { Measure } from './numeric-drift.js';

/** Jensen-Shannon distance (base 2) between two binned distributions. */
export function jsFromCounts(reference: Float64Array, current: Float64Array, exact: boolean): Measure {
  return { statistic: jensenshannon(reference, current, { base: 2 }), pvalue: null, exact };
}

/** Chi-square test of homogeneity on binned counts (empty bins on both sides dropped). */
export function chisquareMeasureFromCounts(reference: Float64Array, current: Float64Array): Measure {
  const keep: number[] = [];
  for (let i = 0; i < reference.length; i++) if (reference[i]! + current[i]! > 0) keep.push(i);
  if (keep.length < 2) return { statistic: 0, pvalue: 1, exact: true };
  const r = chi2Contingency([
    keep.map((i) => Math.round(reference[i]!)),
    keep.map((i) => Math.round(current[i]!)),
  ]);
  return { statistic: r.statistic, pvalue: r.pvalue, exact: true };
}
