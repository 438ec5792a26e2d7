import { psiFromCounts } from '../stats/index.js';
import { chisquareMeasureFromCounts, jsFromCounts } from './binned.js';
import type { Measure } from './numeric-drift.js';
import type { CategoricalSide } from './sides.js';

export interface AlignedCounts {
  categories: string[];
  reference: Float64Array;
  current: Float64Array;
  newCategories: string[];
}

/** Counts of both sides over the union of their categories (reference order first). */
export function alignCounts(ref: CategoricalSide, cur: CategoricalSide): AlignedCounts {
  const categories = [...ref.counts.keys()];
  const newCategories: string[] = [];
  for (const k of cur.counts.keys()) {
    if (!ref.counts.has(k)) {
      categories.push(k);
      newCategories.push(k);
    }
  }
  const reference = Float64Array.from(categories, (k) => ref.counts.get(k) ?? 0);
  const current = Float64Array.from(categories, (k) => cur.counts.get(k) ?? 0);
  return { categories, reference, current, newCategories };
}

/**
 * Chi-square test of homogeneity on the 2 × k table of counts (scipy.stats.chi2_contingency with
 * its defaults, so Yates' correction when k = 2). One category in all: nothing can differ, p = 1.
 */
export function chisquareMeasure(a: AlignedCounts): Measure {
  return chisquareMeasureFromCounts(a.reference, a.current);
}

/** Jensen-Shannon distance, base 2 (in [0, 1]), between the two frequency distributions. */
export function jensenShannonMeasure(a: AlignedCounts): Measure {
  return jsFromCounts(a.reference, a.current, true);
}

export function psiCategoricalMeasure(a: AlignedCounts, epsilon: number): Measure {
  return { statistic: psiFromCounts(a.reference, a.current, { epsilon }), pvalue: null, exact: true };
}
