import { invalid } from './validate.js';

/** A rows × classes matrix of scores or probabilities, read into one Float64Array per column. */
export interface ProbabilityMatrix {
  n: number;
  k: number;
  columns: Float64Array[];
}

/** Reads a matrix given as rows (number[][] or an array of typed arrays); every row must have the same length. */
export function readMatrix(fn: string, rows: ArrayLike<ArrayLike<number>>): ProbabilityMatrix {
  const n = rows.length;
  const k = rows[0]?.length ?? 0;
  if (k === 0) invalid(fn, 'the probability matrix has no columns');
  const columns = Array.from({ length: k }, () => new Float64Array(n));
  for (let i = 0; i < n; i++) {
    const row = rows[i]!;
    if (row.length !== k) invalid(fn, `row ${i + 1} has ${row.length} values, row 1 has ${k}`);
    for (let c = 0; c < k; c++) columns[c]![i] = row[c]!;
  }
  return { n, k, columns };
}
