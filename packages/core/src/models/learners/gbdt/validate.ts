import { VigieError } from '../../../errors/index.js';
import type { Matrix } from '../../../stats/index.js';
import type { GbdtOptions } from './options.js';

function invalid(message: string, details: Record<string, number | string> = {}): VigieError {
  return new VigieError('INVALID_ARGUMENT', `gradient boosting: ${message}`, { details });
}

/**
 * Refuses what gradient boosting cannot learn from, naming the row: no rows or no features,
 * infinite feature values (NaN is missing and fine), labels that are not finite, class labels
 * that are not indices 0..K−1, more classes than rows, and a constant label (a single class, or
 * one regression value: there is nothing to learn). `expectedCols` is set for a validation set,
 * which may hold a single class.
 */
export function checkInputs(
  x: Matrix,
  y: ArrayLike<number>,
  options: GbdtOptions,
  task: 'classification' | 'regression',
  expectedCols?: number,
): { nClasses: number; categories: readonly number[] } {
  const what = expectedCols === undefined ? 'training' : 'validation';
  if (x.rows === 0 || x.cols === 0)
    throw new VigieError(
      'EMPTY_INPUT',
      `gradient boosting: the ${what} matrix is empty (${x.rows} rows × ${x.cols} features)`,
    );
  if (x.data.length !== x.rows * x.cols)
    throw invalid(`the ${what} matrix holds ${x.data.length} values for ${x.rows} × ${x.cols}`);
  if (expectedCols !== undefined && x.cols !== expectedCols)
    throw invalid(`the validation matrix has ${x.cols} features, the training one ${expectedCols}`);
  if (y.length !== x.rows) throw invalid(`${x.rows} ${what} rows but ${y.length} labels`);
  const data = x.data;
  for (let i = 0; i < data.length; i++) {
    const v = data[i]!;
    if (v - v !== 0 && v === v) {
      const row = Math.floor(i / x.cols) + 1;
      const feature = (i % x.cols) + 1;
      throw invalid(`${what} row ${row}, feature ${feature} is ${v} (treat it as missing or clip it)`, {
        row,
        feature,
      });
    }
  }
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < y.length; i++) {
    const v = y[i]!;
    if (!Number.isFinite(v)) throw invalid(`${what} label of row ${i + 1} is ${v}`, { row: i + 1 });
    if (task === 'classification' && !(Number.isInteger(v) && v >= 0))
      throw invalid(`${what} label of row ${i + 1} is ${v}, not a class index 0..K−1`, { row: i + 1 });
    if (v < min) min = v;
    if (v > max) max = v;
  }
  const categories = options.categories ?? [];
  if (options.categories && categories.length !== x.cols)
    throw invalid(`categories has ${categories.length} entries for ${x.cols} features`);
  for (const [j, k] of categories.entries())
    if (!(Number.isInteger(k) && k >= 0))
      throw invalid(`categories[${j}] must be 0 (numeric) or a category count, got ${k}`);
  if (task === 'regression') {
    if (expectedCols === undefined && min === max)
      throw invalid(`the label is constant (${min}): there is nothing to learn`);
    return { nClasses: 0, categories };
  }
  if (expectedCols === undefined && min === max)
    throw invalid(`the label is constant (a single class, ${min}): there is nothing to learn`);
  const nClasses = options.nClasses ?? max + 1;
  if (!(Number.isInteger(nClasses) && nClasses >= 2))
    throw invalid(`nClasses must be an integer ≥ 2, got ${nClasses}`);
  if (max >= nClasses) throw invalid(`a ${what} label is ${max}, not below nClasses (${nClasses})`);
  if (expectedCols === undefined && nClasses > x.rows)
    throw invalid(`${nClasses} classes but only ${x.rows} rows`);
  return { nClasses, categories };
}
