import { eigh } from '../stats/index.js';

/**
 * The minimum-norm solution of A x = b for a symmetric positive semi-definite A (k × k,
 * row-major): through its eigen-decomposition, dropping eigenvalues below k · ε · λmax. For a
 * full-rank A it is A⁻¹ b; for a singular one (coalitions that never separate two features) it is
 * what numpy.linalg.lstsq returns, the fallback shap takes there.
 */
export function solveSymmetric(a: Float64Array, b: Float64Array, k: number): Float64Array {
  const x = new Float64Array(k);
  if (k === 0) return x;
  const { eigenvalues, eigenvectors } = eigh({ data: a, rows: k, cols: k });
  const max = Math.max(...Array.from(eigenvalues, Math.abs));
  const tol = k * Number.EPSILON * max;
  const v = eigenvectors.data;
  for (let e = 0; e < k; e++) {
    const lambda = eigenvalues[e]!;
    if (!(lambda > tol)) continue;
    let proj = 0;
    for (let i = 0; i < k; i++) proj += v[i * k + e]! * b[i]!;
    const f = proj / lambda;
    for (let i = 0; i < k; i++) x[i]! += f * v[i * k + e]!;
  }
  return x;
}

/**
 * Weighted ridge regression with an intercept, as scikit-learn's Ridge(alpha, fit_intercept=True)
 * with sample_weight: the columns and the target are centred on their weighted means, then
 * (XᵀWX + αI) β = XᵀW y; the intercept is ȳ − x̄ᵀβ. `x` is n × p row-major. `score` is the
 * weighted R² of the fit (Ridge.score with the same weights).
 */
export function weightedRidge(
  x: Float64Array,
  y: Float64Array,
  w: Float64Array,
  n: number,
  p: number,
  alpha: number,
): { coef: Float64Array; intercept: number; score: number } {
  let sw = 0;
  let ym = 0;
  const xm = new Float64Array(p);
  for (let i = 0; i < n; i++) {
    const wi = w[i]!;
    sw += wi;
    ym += wi * y[i]!;
    for (let j = 0; j < p; j++) xm[j]! += wi * x[i * p + j]!;
  }
  ym /= sw;
  for (let j = 0; j < p; j++) xm[j]! /= sw;
  const a = new Float64Array(p * p);
  const b = new Float64Array(p);
  const row = new Float64Array(p);
  for (let i = 0; i < n; i++) {
    const wi = w[i]!;
    for (let j = 0; j < p; j++) row[j] = x[i * p + j]! - xm[j]!;
    const yc = y[i]! - ym;
    for (let j = 0; j < p; j++) {
      const wr = wi * row[j]!;
      b[j]! += wr * yc;
      for (let l = 0; l <= j; l++) a[j * p + l]! += wr * row[l]!;
    }
  }
  for (let j = 0; j < p; j++) {
    a[j * p + j]! += alpha;
    for (let l = 0; l < j; l++) a[l * p + j] = a[j * p + l]!;
  }
  const coef = solveSymmetric(a, b, p);
  let intercept = ym;
  for (let j = 0; j < p; j++) intercept -= xm[j]! * coef[j]!;
  let ssRes = 0;
  let ssTot = 0;
  for (let i = 0; i < n; i++) {
    let f = intercept;
    for (let j = 0; j < p; j++) f += coef[j]! * x[i * p + j]!;
    ssRes += w[i]! * (y[i]! - f) ** 2;
    ssTot += w[i]! * (y[i]! - ym) ** 2;
  }
  return { coef, intercept, score: ssTot > 0 ? 1 - ssRes / ssTot : 1 };
}
