import { checkMatrix, columnMeans, isConstantColumn, type Matrix } from './matrix.js';
import { householderQr, norm2 } from './qr.js';

/**
 * Below this residual norm (columns scaled to unit norm), 1 − R² < 1e-16: statsmodels' own
 * 1 − R² rounds to 0 there and it reports inf, so the column is treated as an exact combination.
 */
const COLLINEAR_TOL = 1e-8;

/**
 * Variance inflation factor of every column: VIF_j = 1 / (1 − R²_j), where R²_j comes from
 * regressing column j on all the other columns **plus an intercept**. This is what users expect
 * from a VIF; it equals statsmodels' variance_inflation_factor(add_constant(X), j + 1)
 * (statsmodels adds no constant by itself, and without one its R² is uncentered).
 * Equivalently VIF_j is the j-th diagonal entry of the inverse correlation matrix, computed here
 * from a Householder QR of the standardized columns (no Gram matrix, so accuracy holds up to
 * VIFs near 1e12).
 *
 * Exact collinearity gives Infinity for every column involved, as statsmodels' inf; the other
 * columns keep their finite VIF. A constant column gives NaN (its R² is undefined: there is no
 * variance to explain; statsmodels returns NaN or garbage there depending on rounding) and is
 * otherwise ignored, since it duplicates the intercept. Needs at least 2 rows; non-finite
 * values throw.
 *
 * @example vif(matrixFromRows([[1, 2], [2, 1], [3, 5], [4, 3]])) // [1.3888..., 1.3888...]
 */
export function vif(x: Matrix): Float64Array {
  checkMatrix(x, 'vif', 2);
  const { rows, cols, data } = x;
  const out = new Float64Array(cols);
  const varying: number[] = [];
  for (let j = 0; j < cols; j++) {
    if (isConstantColumn(x, j)) out[j] = Number.NaN;
    else varying.push(j);
  }
  const p = varying.length;
  if (p === 0) return out;

  // Centered columns of unit norm, column-major.
  const means = columnMeans(x);
  const z = new Float64Array(rows * p);
  for (let t = 0; t < p; t++) {
    const j = varying[t]!;
    for (let i = 0; i < rows; i++) z[t * rows + i] = data[i * cols + j]! - means[j]!;
    const norm = norm2(z, t * rows, (t + 1) * rows);
    for (let i = 0; i < rows; i++) z[t * rows + i]! /= norm;
  }
  const qr = householderQr(z, rows, p, COLLINEAR_TOL);
  const { basis, deficient, rankAt } = qr;
  const r = basis.length;

  // R of the basis columns, r × r upper triangular (column-major), and its inverse.
  const rInv = invertUpper(z, rows, basis);
  const involved = new Uint8Array(p);
  for (const d of deficient) {
    involved[d] = 1;
    // coordinates of column d in the basis built so far: solve R[:k, :k] c = y
    const k = rankAt[d]!;
    let largest = 0;
    const c = new Float64Array(k);
    for (let s = 0; s < k; s++) {
      let acc = 0;
      for (let u = 0; u < k; u++) acc += rInv[u * r + s]! * z[d * rows + u]!;
      c[s] = acc;
      largest = Math.max(largest, Math.abs(acc));
    }
    const threshold = 1.5e-8 * Math.max(1, largest);
    for (let s = 0; s < k; s++) if (Math.abs(c[s]!) > threshold) involved[basis[s]!] = 1;
  }
  for (let t = 0; t < r; t++) {
    const col = basis[t]!;
    if (involved[col]) continue;
    let ss = 0;
    for (let u = t; u < r; u++) ss += rInv[u * r + t]! * rInv[u * r + t]!;
    out[varying[col]!] = ss;
  }
  for (let t = 0; t < p; t++) if (involved[t]) out[varying[t]!] = Number.POSITIVE_INFINITY;
  return out;
}

/**
 * Inverse of the r × r upper-triangular R whose column t is z[basis[t]·rows + 0..t], returned
 * column-major (entry (row s, column u) at u·r + s) by back-substitution.
 */
function invertUpper(z: Float64Array, rows: number, basis: number[]): Float64Array {
  const r = basis.length;
  const inv = new Float64Array(r * r);
  const at = (s: number, u: number) => z[basis[u]! * rows + s]!;
  for (let u = 0; u < r; u++) {
    inv[u * r + u] = 1 / at(u, u);
    for (let s = u - 1; s >= 0; s--) {
      let acc = 0;
      for (let q = s + 1; q <= u; q++) acc += at(s, q) * inv[u * r + q]!;
      inv[u * r + s] = -acc / at(s, s);
    }
  }
  return inv;
}
