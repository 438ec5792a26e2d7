import { checkFinite, checkLengths, checkSampleWeight, invalid } from './validate.js';

const EPS = 2.220446049250313e-16;

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
  const sums = w === undefined ? unweightedSums(yTrue, yPred) : weightedSums(yTrue, yPred, w);
  const { wsum, sq, abs, pct } = sums;
  const spread =
    w === undefined ? spreadUnweighted(yTrue, sums.ysum / wsum) : spreadWeighted(yTrue, sums.ysum / wsum, w);
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

interface Sums {
  wsum: number;
  ysum: number;
  sq: number;
  abs: number;
  pct: number;
}

// Separate weighted and unweighted loops: a `w === undefined ? 1 : w[i]` inside one loop lets
// the optimizing compiler box every product, five times slower.
function unweightedSums(yTrue: ArrayLike<number>, yPred: ArrayLike<number>): Sums {
  const n = yTrue.length;
  let ysum = 0;
  let sq = 0;
  let abs = 0;
  let pct = 0;
  for (let i = 0; i < n; i++) {
    const t = yTrue[i]!;
    const e = t - yPred[i]!;
    const a = Math.abs(e);
    ysum += t;
    sq += e * e;
    abs += a;
    pct += a / Math.max(Math.abs(t), EPS);
  }
  return { wsum: n, ysum, sq, abs, pct };
}

function weightedSums(yTrue: ArrayLike<number>, yPred: ArrayLike<number>, w: ArrayLike<number>): Sums {
  const n = yTrue.length;
  let wsum = 0;
  let ysum = 0;
  let sq = 0;
  let abs = 0;
  let pct = 0;
  for (let i = 0; i < n; i++) {
    const wi = w[i]!;
    const t = yTrue[i]!;
    const e = t - yPred[i]!;
    const a = Math.abs(e);
    wsum += wi;
    ysum += t * wi;
    sq += e * e * wi;
    abs += a * wi;
    pct += (a / Math.max(Math.abs(t), EPS)) * wi;
  }
  return { wsum, ysum, sq, abs, pct };
}

function spreadUnweighted(yTrue: ArrayLike<number>, mean: number): number {
  let s = 0;
  for (let i = 0; i < yTrue.length; i++) {
    const d = yTrue[i]! - mean;
    s += d * d;
  }
  return s;
}

function spreadWeighted(yTrue: ArrayLike<number>, mean: number, w: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < yTrue.length; i++) {
    const d = yTrue[i]! - mean;
    s += w[i]! * (d * d);
  }
  return s;
}
