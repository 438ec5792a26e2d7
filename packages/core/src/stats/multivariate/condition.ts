import { checkMatrix, columnMeans, columnStds, type Matrix, toColumnMajor } from './matrix.js';
import { rightSvd } from './svd.js';

export interface ConditionNumberOptions {
  /**
   * false (default): the matrix as given, = numpy.linalg.cond(X). true: each column centred and
   * divided by its standard deviation (ddof = 0) first, = numpy.linalg.cond of StandardScaler's
   * output; a constant column then becomes all zeros and the result is Infinity.
   */
  standardize?: boolean;
}

/**
 * The 2-norm condition number σ_max / σ_min of X, as numpy.linalg.cond(X) (singular values of the
 * rows × cols matrix, min(rows, cols) of them). Infinity when σ_min is 0. The raw number depends
 * on the columns' units and includes collinearity with the intercept when columns have large
 * means; `standardize: true` removes both and is the usual multicollinearity diagnostic (above
 * ~30 is commonly read as strong collinearity). Non-finite values throw.
 *
 * @example conditionNumber(matrixFromRows([[1, 0], [0, 2]])) // 2
 */
export function conditionNumber(x: Matrix, options: ConditionNumberOptions = {}): number {
  checkMatrix(x, 'conditionNumber', 1);
  let a: Float64Array;
  if (options.standardize) {
    const means = columnMeans(x);
    const stds = columnStds(x, means);
    for (let j = 0; j < stds.length; j++) if (stds[j] === 0) stds[j] = 1;
    a = toColumnMajor(x, means, stds);
  } else {
    a = toColumnMajor(x);
  }
  const { s } = rightSvd(a, x.rows, x.cols);
  const largest = s[0]!;
  const smallest = s[s.length - 1]!;
  return smallest === 0 ? Number.POSITIVE_INFINITY : largest / smallest;
}
