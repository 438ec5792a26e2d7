import { createRandom, sampleIndices } from '../random/index.js';
import { type Table, takeRows } from '../table/index.js';

/**
 * A seeded uniform sample of `n` rows without replacement, in their original order (all rows when
 * the table has no more), as shap.sample: the default background of Kernel SHAP and LIME. A plain
 * sample rather than a k-means summary, because its rows are real rows (categorical columns keep
 * real categories, and no centroid falls where no data is) and its weights stay uniform.
 */
export function sampleRows(table: Table, n: number, seed = 0): Table {
  if (n >= table.rowCount) return table;
  const picked = Array.from(sampleIndices(table.rowCount, n, createRandom(seed))).sort((a, b) => a - b);
  return takeRows(table, picked);
}
