import { VigieError } from '../../errors/index.js';
import { checkMatrix, columnMeans, type Matrix } from './matrix.js';

export interface CorrelationMatrixOptions {
  /** Only 'pearson' for now. */
  method?: 'pearson';
}

/**
 * The cols × cols Pearson correlation matrix of the columns of X, as
 * numpy.corrcoef(X, rowvar=False): covariances over the standard deviations, clipped to
 * [−1, 1]. A constant column has an undefined correlation: its row and column (diagonal included)
 * are NaN, as numpy's. Needs at least 2 rows; non-finite values throw.
 *
 * @example correlationMatrix(matrixFromRows([[1, 2], [2, 4], [3, 7]])).data // [1, 0.99.., 0.99.., 1]
 */
export function correlationMatrix(x: Matrix, options: CorrelationMatrixOptions = {}): Matrix {
  if ((options.method ?? 'pearson') !== 'pearson') {
    throw new VigieError('INVALID_ARGUMENT', `correlationMatrix: unsupported method '${options.method}'`);
  }
  checkMatrix(x, 'correlationMatrix', 2);
  const { data, rows, cols } = x;
  const means = columnMeans(x);
  const cov = new Float64Array(cols * cols);
  const centred = new Float64Array(cols);
  for (let i = 0; i < rows; i++) {
    const o = i * cols;
    for (let j = 0; j < cols; j++) centred[j] = data[o + j]! - means[j]!;
    for (let j = 0; j < cols; j++) {
      const cj = centred[j]!;
      for (let k = j; k < cols; k++) cov[j * cols + k]! += cj * centred[k]!;
    }
  }
  const sd = new Float64Array(cols);
  for (let j = 0; j < cols; j++) sd[j] = Math.sqrt(cov[j * cols + j]! / (rows - 1));
  const out = new Float64Array(cols * cols);
  for (let j = 0; j < cols; j++) {
    for (let k = j; k < cols; k++) {
      const c = cov[j * cols + k]! / (rows - 1) / sd[j]! / sd[k]!;
      const clipped = Math.min(Math.max(c, -1), 1);
      out[j * cols + k] = clipped;
      out[k * cols + j] = clipped;
    }
  }
  return { data: out, rows: cols, cols };
}
