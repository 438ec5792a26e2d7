import { VigieError } from '../../errors/index.js';

export interface CramersVOptions {
  /** Bergsma's (2013) small-sample bias correction (default true); false gives scipy's value. */
  biasCorrection?: boolean;
}

/**
 * Cramér's V of a two-way contingency table of counts, in [0, 1].
 *
 * Uncorrected (`biasCorrection: false`), as scipy.stats.contingency.association(table,
 * method='cramer'): V = √(φ² / min(r - 1, c - 1)) with φ² = χ²/n, χ² Pearson's statistic without
 * Yates' correction.
 *
 * Corrected (default), Bergsma (2013), J. Korean Stat. Soc. 42(3):323-328:
 * φ̃² = max(0, φ² - (r - 1)(c - 1)/(n - 1)), r̃ = r - (r - 1)²/(n - 1), c̃ = c - (c - 1)²/(n - 1),
 * Ṽ = √(φ̃² / min(r̃ - 1, c̃ - 1)); NaN when that minimum is not positive (n too small).
 *
 * Rows and columns whose total is 0 are dropped first, and r, c count the remaining ones
 * (departure: scipy raises on a zero expected frequency). A table with fewer than 2 non-empty
 * rows or columns gives NaN (scipy: 0/0). Counts must be finite and non-negative; they need not
 * be integers (weighted counts). Tables of two category-code arrays come from
 * `contingencyFromCodes` (stats/tests).
 *
 * @example cramersV([[10, 0], [0, 10]], { biasCorrection: false }); // 1
 */
export function cramersV(table: ArrayLike<ArrayLike<number>>, options: CramersVOptions = {}): number {
  const { biasCorrection = true } = options;
  const { counts, rows, cols } = nonEmptyTable(table);
  if (rows < 2 || cols < 2) return Number.NaN;
  const rowSums = new Float64Array(rows);
  const colSums = new Float64Array(cols);
  let n = 0;
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++) {
      const v = counts[i * cols + j]!;
      rowSums[i]! += v;
      colSums[j]! += v;
    }
  }
  for (let i = 0; i < rows; i++) n += rowSums[i]!;
  let chi2 = 0;
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++) {
      // scipy's expected_freq: product of the margins over the total.
      const expected = (rowSums[i]! * colSums[j]!) / n;
      const d = counts[i * cols + j]! - expected;
      chi2 += (d * d) / expected;
    }
  }
  const phi2 = chi2 / n;
  if (!biasCorrection) return Math.sqrt(phi2 / Math.min(rows - 1, cols - 1));
  const phi2c = Math.max(0, phi2 - ((rows - 1) * (cols - 1)) / (n - 1));
  const rc = rows - (rows - 1) ** 2 / (n - 1);
  const cc = cols - (cols - 1) ** 2 / (n - 1);
  const denom = Math.min(rc - 1, cc - 1);
  if (!(denom > 0)) return Number.NaN;
  return Math.sqrt(phi2c / denom);
}

/** The table as a row-major Float64Array without its all-zero rows and columns, validated. */
function nonEmptyTable(table: ArrayLike<ArrayLike<number>>): {
  counts: Float64Array;
  rows: number;
  cols: number;
} {
  const r = table.length;
  const c = r === 0 ? 0 : table[0]!.length;
  const rowUsed = new Uint8Array(r);
  const colUsed = new Uint8Array(c);
  for (let i = 0; i < r; i++) {
    const row = table[i]!;
    if (row.length !== c) {
      throw new VigieError('INVALID_ARGUMENT', `cramersV: row ${i} has ${row.length} cells, expected ${c}`);
    }
    for (let j = 0; j < c; j++) {
      const v = row[j]!;
      if (!(v >= 0 && v < Number.POSITIVE_INFINITY)) {
        throw new VigieError(
          'INVALID_ARGUMENT',
          `cramersV: counts must be finite and non-negative, got ${v} at (${i}, ${j})`,
        );
      }
      if (v > 0) {
        rowUsed[i] = 1;
        colUsed[j] = 1;
      }
    }
  }
  const rowIdx: number[] = [];
  const colIdx: number[] = [];
  for (let i = 0; i < r; i++) if (rowUsed[i]) rowIdx.push(i);
  for (let j = 0; j < c; j++) if (colUsed[j]) colIdx.push(j);
  const counts = new Float64Array(rowIdx.length * colIdx.length);
  for (let a = 0; a < rowIdx.length; a++) {
    const row = table[rowIdx[a]!]!;
    for (let b = 0; b < colIdx.length; b++) counts[a * colIdx.length + b] = row[colIdx[b]!]!;
  }
  return { counts, rows: rowIdx.length, cols: colIdx.length };
}
