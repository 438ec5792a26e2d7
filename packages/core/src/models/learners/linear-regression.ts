import { VigieError } from '../../errors/index.js';
import { eigh, type Matrix } from '../../stats/index.js';

export interface LinearRegressionParams {
  /** L2 penalty α (ridge), as scikit-learn's Ridge(alpha); 0 (default) is ordinary least squares. */
  alpha?: number;
  fitIntercept?: boolean;
}

export interface FittedLinearRegression {
  readonly kind: 'linear-regression';
  readonly nFeatures: number;
  readonly coef: Float64Array;
  readonly intercept: number;
  readonly alpha: number;
  predict(x: Matrix): Float64Array;
  toJSON(): unknown;
}

/**
 * Least squares with an optional L2 penalty, minimising ‖y − Xβ − b‖² + α‖β‖² (the intercept b
 * is not penalized), as scikit-learn's LinearRegression (α = 0) and Ridge(alpha). Solved on the
 * centred data through the eigen-decomposition of XᵀX + αI; with α = 0 and collinear features,
 * directions with eigenvalue ≤ 1e-12 × the largest are dropped, which gives the minimum-norm
 * solution, as numpy.linalg.lstsq and LinearRegression do.
 */
export function linearRegression(
  x: Matrix,
  y: Float64Array,
  params: LinearRegressionParams = {},
): FittedLinearRegression {
  const { rows: n, cols: f, data } = x;
  const alpha = params.alpha ?? 0;
  const fitIntercept = params.fitIntercept ?? true;
  if (!(alpha >= 0))
    throw new VigieError('INVALID_ARGUMENT', `linear regression: alpha must be ≥ 0, got ${alpha}`, {
      details: { field: 'alpha' },
    });
  if (n === 0) throw new VigieError('EMPTY_INPUT', 'linear regression: no training rows');
  if (y.length !== n)
    throw new VigieError('INVALID_ARGUMENT', `linear regression: ${n} rows but ${y.length} targets`);
  for (let i = 0; i < data.length; i++)
    if (!Number.isFinite(data[i]!))
      throw new VigieError(
        'INVALID_ARGUMENT',
        `linear regression: row ${Math.floor(i / f) + 1}, feature ${(i % f) + 1} is not finite (impute first)`,
      );
  for (let i = 0; i < n; i++)
    if (!Number.isFinite(y[i]!))
      throw new VigieError('INVALID_ARGUMENT', `linear regression: target of row ${i + 1} is not finite`);
  const xm = new Float64Array(f);
  let ym = 0;
  if (fitIntercept) {
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < f; j++) xm[j]! += data[i * f + j]!;
      ym += y[i]!;
    }
    for (let j = 0; j < f; j++) xm[j]! /= n;
    ym /= n;
  }
  const gram = new Float64Array(f * f);
  const xty = new Float64Array(f);
  const row = new Float64Array(f);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < f; j++) row[j] = data[i * f + j]! - xm[j]!;
    const r = y[i]! - ym;
    for (let a = 0; a < f; a++) {
      const v = row[a]!;
      xty[a]! += v * r;
      for (let b = a; b < f; b++) gram[a * f + b]! += v * row[b]!;
    }
  }
  for (let a = 0; a < f; a++) {
    gram[a * f + a]! += alpha;
    for (let b = 0; b < a; b++) gram[a * f + b] = gram[b * f + a]!;
  }
  const { eigenvalues, eigenvectors } = eigh({ data: gram, rows: f, cols: f });
  const top = Math.max(...eigenvalues, 0);
  const coef = new Float64Array(f);
  for (let t = 0; t < f; t++) {
    const lambda = eigenvalues[t]!;
    if (!(lambda > 1e-12 * top)) continue;
    let proj = 0;
    for (let j = 0; j < f; j++) proj += eigenvectors.data[j * f + t]! * xty[j]!;
    for (let j = 0; j < f; j++) coef[j]! += (eigenvectors.data[j * f + t]! * proj) / lambda;
  }
  let intercept = ym;
  for (let j = 0; j < f; j++) intercept -= xm[j]! * coef[j]!;
  return fittedLinearRegression(coef, fitIntercept ? intercept : 0, alpha);
}

export function fittedLinearRegression(
  coef: Float64Array,
  intercept: number,
  alpha: number,
): FittedLinearRegression {
  const f = coef.length;
  return Object.freeze({
    kind: 'linear-regression' as const,
    nFeatures: f,
    coef,
    intercept,
    alpha,
    predict(x: Matrix): Float64Array {
      if (x.cols !== f)
        throw new VigieError('INVALID_ARGUMENT', `linear regression: expected ${f} features, got ${x.cols}`);
      const out = new Float64Array(x.rows);
      for (let i = 0; i < x.rows; i++) {
        let s = intercept;
        for (let j = 0; j < f; j++) s += coef[j]! * x.data[i * f + j]!;
        out[i] = s;
      }
      return out;
    },
    toJSON() {
      return { kind: 'linear-regression', version: 1, coef: Array.from(coef), intercept, alpha };
    },
  });
}
