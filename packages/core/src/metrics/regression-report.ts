import { checkFinite, checkLengths, checkSampleWeight, invalid } from './validate.js';

export interface RegressionReportOptions {
  sampleWeight?: ArrayLike<number>;
  /** As r2Score. Default true. */
  forceFinite?: boolean;
}

export interface RegressionReport {
  rows: number;
  meanSquaredError: number;
  rootMeanSquaredError: number;
  meanAbsoluteError: number;
  meanAbsolutePercentageError: number;
  r2Score: number;
}

const EPS = 2.220446049250313e-16;

/**
 * MSE, RMSE, MAE, MAPE and R² in two passes over the rows (one for the sums, one for the
 * spread of yTrue around its mean), each equal to the function of the same name (same
 * definitions, weights and policies: NaN or infinite values, mismatched lengths, empty input
 * and fewer than two rows for R² throw INVALID_ARGUMENT). The median absolute error needs a
 * selection and stays separate.
 *
 * @example regressionReport([3, -0.5, 2, 7], [2.5, 0.0, 2, 8]).r2Score // 0.9486
 */
export function regressionReport(
  yTrue: ArrayLike<number>,
  yPred: ArrayLike<number>,
  options: RegressionReportOptions = {},
): RegressionReport {
  const fn = 'regressionReport';
  const n = checkLengths(fn, { yTrue, yPred });
  const w = options.sampleWeight;
  checkSampleWeight(fn, w, n);
  if (n < 2) invalid(fn, 'R² is not defined with fewer than two rows');
  let wsum = 0;
  let ysum = 0;
  let sq = 0;
  let abs = 0;
  let pct = 0;
  for (let i = 0; i < n; i++) {
    const wi = w === undefined ? 1 : w[i]!;
    const t = yTrue[i]!;
    const e = t - yPred[i]!;
    const a = Math.abs(e);
    wsum += wi;
    ysum += t * wi;
    sq += e * e * wi;
    abs += a * wi;
    pct += (a / Math.max(Math.abs(t), EPS)) * wi;
  }
  const mean = ysum / wsum;
  let spread = 0;
  for (let i = 0; i < n; i++) {
    const d = yTrue[i]! - mean;
    spread += (w === undefined ? 1 : w[i]!) * (d * d);
  }
  // NaN and ±∞ reach these sums: only then are the inputs scanned, to name the row.
  if (!Number.isFinite(sq + abs + pct + spread)) {
    checkFinite(fn, 'yTrue', yTrue);
    checkFinite(fn, 'yPred', yPred);
  }
  const mse = sq / wsum;
  let r2: number;
  if (!(options.forceFinite ?? true)) r2 = 1 - sq / spread;
  else if (sq === 0) r2 = 1;
  else if (spread === 0) r2 = 0;
  else r2 = 1 - sq / spread;
  return {
    rows: n,
    meanSquaredError: mse,
    rootMeanSquaredError: Math.sqrt(mse),
    meanAbsoluteError: abs / wsum,
    meanAbsolutePercentageError: pct / wsum,
    r2Score: r2,
  };
}
