import { VigieError } from '../../errors/index.js';

/**
 * A dense matrix stored row-major: element (i, j) is `data[i * cols + j]`. The same shape as the
 * anomaly detectors' Matrix, so one value serves both.
 */
export interface Matrix {
  readonly data: Float64Array;
  readonly rows: number;
  readonly cols: number;
}

/**
 * Builds a row-major Matrix from an array of equal-length rows.
 * @example matrixFromRows([[1, 2], [3, 4]]) // { rows: 2, cols: 2, data: [1, 2, 3, 4] }
 */
export function matrixFromRows(rows: ArrayLike<number>[]): Matrix {
  const r = rows.length;
  const c = r === 0 ? 0 : rows[0]!.length;
  const data = new Float64Array(r * c);
  for (let i = 0; i < r; i++) {
    const row = rows[i]!;
    if (row.length !== c) {
      throw new VigieError(
        'INVALID_ARGUMENT',
        `matrixFromRows: row ${i} has ${row.length} values, expected ${c}`,
      );
    }
    for (let j = 0; j < c; j++) data[i * c + j] = row[j]!;
  }
  return { data, rows: r, cols: c };
}

/** Checks shape and finiteness; multivariate kernels have no NaN policy (as scikit-learn, they refuse NaN). */
export function checkMatrix(x: Matrix, fn: string, minRows: number): void {
  const { data, rows, cols } = x;
  if (
    !Number.isInteger(rows) ||
    !Number.isInteger(cols) ||
    rows < 0 ||
    cols < 0 ||
    data.length !== rows * cols
  ) {
    throw new VigieError(
      'INVALID_ARGUMENT',
      `${fn}: data holds ${data.length} values, not rows × cols = ${rows} × ${cols}`,
    );
  }
  if (cols === 0 || rows < minRows) {
    throw new VigieError(
      'EMPTY_INPUT',
      `${fn}: needs at least ${minRows} rows and 1 column, got ${rows} × ${cols}`,
    );
  }
  for (let k = 0; k < data.length; k++) {
    if (!Number.isFinite(data[k]!)) {
      throw new VigieError(
        'INVALID_ARGUMENT',
        `${fn}: the matrix must be finite, found ${data[k]} at row ${Math.floor(k / cols)}, column ${k % cols}`,
      );
    }
  }
}

/** Column means (sum / n). */
export function columnMeans(x: Matrix): Float64Array {
  const { data, rows, cols } = x;
  const sums = new Float64Array(cols);
  for (let i = 0; i < rows; i++) {
    const o = i * cols;
    for (let j = 0; j < cols; j++) sums[j]! += data[o + j]!;
  }
  for (let j = 0; j < cols; j++) sums[j]! /= rows;
  return sums;
}

/**
 * The columns of `x` minus `center` and divided by `scale` (each optional), copied into a
 * column-major buffer: column j occupies [j * rows, (j + 1) * rows), the layout QR wants.
 */
export function toColumnMajor(x: Matrix, center?: Float64Array, scale?: Float64Array): Float64Array {
  const { data, rows, cols } = x;
  const out = new Float64Array(rows * cols);
  for (let i = 0; i < rows; i++) {
    const o = i * cols;
    for (let j = 0; j < cols; j++) {
      let v = data[o + j]!;
      if (center) v -= center[j]!;
      if (scale) v /= scale[j]!;
      out[j * rows + i] = v;
    }
  }
  return out;
}

/** Population standard deviation (ddof = 0) of each column around `means`, as StandardScaler. */
export function columnStds(x: Matrix, means: Float64Array): Float64Array {
  const { data, rows, cols } = x;
  const ss = new Float64Array(cols);
  for (let i = 0; i < rows; i++) {
    const o = i * cols;
    for (let j = 0; j < cols; j++) {
      const d = data[o + j]! - means[j]!;
      ss[j]! += d * d;
    }
  }
  for (let j = 0; j < cols; j++) ss[j] = Math.sqrt(ss[j]! / rows);
  return ss;
}

/** True when every value of column j is the same (an exact test: centering would leave rounding noise). */
export function isConstantColumn(x: Matrix, j: number): boolean {
  const { data, rows, cols } = x;
  const first = data[j]!;
  for (let i = 1; i < rows; i++) if (data[i * cols + j] !== first) return false;
  return true;
}
