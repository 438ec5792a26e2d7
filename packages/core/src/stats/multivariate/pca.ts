import { VigieError } from '../../errors/index.js';
import { checkMatrix, columnMeans, columnStds, type Matrix, toColumnMajor } from './matrix.js';
import { rightSvd } from './svd.js';

export interface PcaOptions {
  /**
   * Components to keep: an integer in [1, min(rows, cols)], or a fraction in (0, 1) meaning the
   * fewest components whose explained variance ratios sum past it (as scikit-learn). Default: all.
   */
  nComponents?: number;
  /** Subtract the column means first. Default true (scikit-learn always centers). */
  center?: boolean;
  /**
   * Divide each column by its standard deviation (ddof = 0) first, as StandardScaler before PCA;
   * zero-variance columns are left unscaled, as StandardScaler does. Default false.
   */
  scale?: boolean;
}

export interface PcaResult {
  /** Principal axes as the rows of a k × cols matrix, signs as scikit-learn's svd_flip. */
  components: Matrix;
  /** Variance along each component: singular value² / (rows − 1). */
  explainedVariance: Float64Array;
  /** explainedVariance over the total variance of all min(rows, cols) components. */
  explainedVarianceRatio: Float64Array;
  singularValues: Float64Array;
  /** Column means of the input (zeros when center is false). */
  mean: Float64Array;
  /** The divisor applied to each column when scale is true, otherwise null. */
  scale: Float64Array | null;
  /** Mean of the explained variances left out (0 when all are kept), as scikit-learn's noise_variance_. */
  noiseVariance: number;
}

/**
 * Principal component analysis equal to sklearn.decomposition.PCA(svd_solver='full'): centre (and
 * optionally scale) the columns, take the thin SVD X = U S Vᵀ, components = Vᵀ with each row
 * signed so that its largest-magnitude entry is positive (svd_flip with u_based_decision=False,
 * scikit-learn ≥ 1.5). The SVD is Householder QR plus one-sided Jacobi, not the Gram matrix, so
 * small components keep their accuracy. Needs at least 2 rows; non-finite values throw.
 *
 * @example pca(matrixFromRows([[1, 2], [3, 4], [5, 7]])).explainedVarianceRatio // [0.99.., 0.00..]
 */
export function pca(x: Matrix, options: PcaOptions = {}): PcaResult {
  checkMatrix(x, 'pca', 2);
  const { rows, cols } = x;
  const k = Math.min(rows, cols);
  const center = options.center ?? true;
  const mean = center ? columnMeans(x) : new Float64Array(cols);
  let scale: Float64Array | null = null;
  if (options.scale) {
    scale = columnStds(x, center ? mean : columnMeans(x));
    for (let j = 0; j < cols; j++) if (scale[j] === 0) scale[j] = 1;
  }
  const a = toColumnMajor(x, center ? mean : undefined, scale ?? undefined);
  const { s, v } = rightSvd(a, rows, cols);

  const explained = new Float64Array(k);
  let total = 0;
  for (let t = 0; t < k; t++) {
    explained[t] = (s[t]! * s[t]!) / (rows - 1);
    total += explained[t]!;
  }
  const ratio = explained.map((e) => e / total);
  const keep = componentsToKeep(options.nComponents, ratio, k);

  const components = new Float64Array(keep * cols);
  for (let t = 0; t < keep; t++) {
    const col = v.subarray(t * cols, (t + 1) * cols);
    let best = 0;
    for (let j = 1; j < cols; j++) if (Math.abs(col[j]!) > Math.abs(col[best]!)) best = j;
    const sign = col[best]! < 0 ? -1 : 1;
    for (let j = 0; j < cols; j++) components[t * cols + j] = sign * col[j]!;
  }
  let noise = 0;
  if (keep < k) {
    for (let t = keep; t < k; t++) noise += explained[t]!;
    noise /= k - keep;
  }
  return {
    components: { data: components, rows: keep, cols },
    explainedVariance: explained.slice(0, keep),
    explainedVarianceRatio: ratio.slice(0, keep),
    singularValues: s.slice(0, keep),
    mean,
    scale,
    noiseVariance: noise,
  };
}

function componentsToKeep(n: number | undefined, ratio: Float64Array, k: number): number {
  if (n === undefined) return k;
  if (n > 0 && n < 1) {
    // scikit-learn: searchsorted(cumsum(ratio), n, side='right') + 1
    let cum = 0;
    let t = 0;
    while (t < ratio.length) {
      cum += ratio[t]!;
      if (cum > n) break;
      t++;
    }
    return Math.min(t + 1, k);
  }
  if (!Number.isInteger(n) || n < 1 || n > k) {
    throw new VigieError(
      'INVALID_ARGUMENT',
      `pca: nComponents must be in (0, 1) or an integer in [1, ${k}], got ${n}`,
    );
  }
  return n;
}
