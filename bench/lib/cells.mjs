/**
 * Cell writers: for one column of one file, a closure that returns the next CSV cell as a string
 * ('' for a missing value). Each column draws from its own stream, derived from the file's stream
 * and the column's stable `stream` number, so columns are independent and reproducible.
 */

import { cumulative, drawIndex } from './distributions.mjs';
import { DISTRIBUTIONS } from './distributions-table.mjs';
import { formatSignificant, padInt } from './format.mjs';

const SQRT2 = Math.SQRT2;

/**
 * @param column an entry of planColumns()
 * @param role 'reference' | 'current' (drift applies to 'current' only)
 * @param rng the column's own generator
 * @param context { rows, digits } — rows sizes the id column's numbering and padding
 */
export function createCellWriter(column, role, rng, { rows, digits }) {
  const drift = role === 'current' ? column.drift : null;
  const missing = column.missingRate;
  const value = valueWriter(column, drift, role, rng, { rows, digits });
  if (missing === 0) return value;
  return () => (rng.float() < missing ? '' : value());
}

function valueWriter(column, drift, role, rng, { rows, digits }) {
  switch (column.kind) {
    case 'id': {
      // Reference ids are u1..u{rows}, current ids continue after them so the two files never share one.
      let next = role === 'current' ? rows + 1 : 1;
      const width = Math.max(7, String(2 * rows).length);
      return () => 'u' + padInt(next++, width);
    }
    case 'boolean': {
      const p = drift ? drift.pTrue.current : column.pTrue;
      return () => (rng.float() < p ? 'true' : 'false');
    }
    case 'categorical': {
      const levels = drift?.kind === 'new_category' ? [...column.levels, drift.level] : column.levels;
      const cum = cumulative(drift ? column.probabilities.current : column.probabilities.reference);
      return () => levels[drawIndex(rng, cum)];
    }
    default:
      return numericWriter(column, drift, rng, digits);
  }
}

function numericWriter(column, drift, rng, digits) {
  const { name, ...params } = column.distribution;
  const draw = DISTRIBUTIONS[name].sampler(params);
  const { mean, sd } = column;
  const integer = column.type === 'integer';
  const outlierRate = column.outliers ? column.outliers.rate : 0;
  const { minSd, maxSd } = column.outliers ?? { minSd: 0, maxSd: 0 };
  const shift = drift?.kind === 'mean_shift' ? drift.shift : 0;
  const scale = drift?.kind === 'variance_scale' ? SQRT2 : 1;
  return () => {
    let x = draw(rng);
    if (outlierRate > 0 && rng.float() < outlierRate) {
      const sign = rng.float() < 0.5 ? -1 : 1;
      x = mean + sign * sd * (minSd + (maxSd - minSd) * rng.float());
    }
    if (scale !== 1) x = mean + (x - mean) * scale;
    x += shift;
    if (integer) return String(Math.round(x));
    return formatSignificant(x, digits);
  };
}
