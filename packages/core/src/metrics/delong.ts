import { norm, rankdata } from '../stats/index.js';
import { binarize, fewLabels } from './binary-target.js';
import { formatLabel, type LabelArray } from './labels.js';
import { checkFinite, checkLengths, invalid } from './validate.js';

export interface DelongOptions {
  /** Of the interval of the difference. Default 0.95. */
  confidenceLevel?: number;
}

export interface DelongResult {
  aucA: number;
  aucB: number;
  /** aucA − aucB. */
  difference: number;
  /** Standard error of the difference. */
  se: number;
  /** difference / se. */
  z: number;
  /** Two-sided, 2·Φ(−|z|). */
  pvalue: number;
  /** difference ± z_{(1+level)/2}·se. */
  ci: [number, number];
  confidenceLevel: number;
  /** Rows of each class. */
  nPositive: number;
  nNegative: number;
}

/**
 * DeLong, DeLong & Clarke-Pearson (1988) test of two correlated ROC AUCs measured on the same
 * rows, with the fast algorithm of Sun & Xu (2014): for each score, the midranks of the m
 * positives among the positives (T_x), of the n negatives among the negatives (T_y) and of all
 * rows (T_z) give the structural components V10_i = (T_z,i − T_x,i) / n and
 * V01_j = 1 − (T_z,m+j − T_y,j) / m; AUC = mean V10; S10 and S01 are their covariance matrices
 * across the two scores (ddof 1), S = S10 / m + S01 / n, and Var(A − B) = S_AA + S_BB − 2·S_AB.
 * Ties count ½ (midranks). The positive class is the greater of yTrue's two labels, as
 * rocAucScore. When the variance is 0 (identical scores), z = 0 and p = 1 if the AUCs are equal.
 * Fewer than two rows of either class, NaN or infinite scores, more than two labels, mismatched
 * lengths and empty input throw INVALID_ARGUMENT. O(n log n).
 *
 * @example delongRocAucTest(yTrue, candidateScores, championScores).pvalue
 */
export function delongRocAucTest(
  yTrue: LabelArray,
  scoreA: ArrayLike<number>,
  scoreB: ArrayLike<number>,
  options: DelongOptions = {},
): DelongResult {
  const fn = 'delongRocAucTest';
  checkLengths(fn, { yTrue, scoreA, scoreB });
  checkFinite(fn, 'scoreA', scoreA);
  checkFinite(fn, 'scoreB', scoreB);
  const level = options.confidenceLevel ?? 0.95;
  if (!(level > 0 && level < 1)) invalid(fn, `confidenceLevel must be in (0, 1), got ${level}`);
  const classes = fewLabels(fn, yTrue, 2);
  if (classes === null) invalid(fn, 'yTrue must hold two labels');
  if (classes.length < 2) invalid(fn, `only one class (${formatLabel(classes[0]!)}) in yTrue`);
  const isPos = binarize(yTrue, classes[1]!);
  const a = components(isPos, scoreA);
  const b = components(isPos, scoreB);
  const m = a.v10.length;
  const n = a.v01.length;
  if (m < 2 || n < 2) invalid(fn, 'each class needs at least two rows for the variance');
  const varA = covariance(a.v10, a.v10) / m + covariance(a.v01, a.v01) / n;
  const varB = covariance(b.v10, b.v10) / m + covariance(b.v01, b.v01) / n;
  const cov = covariance(a.v10, b.v10) / m + covariance(a.v01, b.v01) / n;
  const variance = Math.max(0, varA + varB - 2 * cov);
  const se = Math.sqrt(variance);
  const difference = a.auc - b.auc;
  let z: number;
  if (se > 0) z = difference / se;
  else z = difference === 0 ? 0 : Math.sign(difference) * Number.POSITIVE_INFINITY;
  const pvalue = Math.min(1, 2 * norm.sf(Math.abs(z)));
  const half = norm.isf((1 - level) / 2) * se;
  return {
    aucA: a.auc,
    aucB: b.auc,
    difference,
    se,
    z,
    pvalue,
    ci: [difference - half, difference + half],
    confidenceLevel: level,
    nPositive: m,
    nNegative: n,
  };
}

interface Components {
  auc: number;
  v10: Float64Array;
  v01: Float64Array;
}

/** Sun & Xu's midrank computation of the AUC and its structural components. */
function components(isPos: Uint8Array, score: ArrayLike<number>): Components {
  const total = score.length;
  let m = 0;
  for (let i = 0; i < total; i++) m += isPos[i]!;
  const n = total - m;
  const x = new Float64Array(m);
  const y = new Float64Array(n);
  let p = 0;
  let q = 0;
  for (let i = 0; i < total; i++) {
    if (isPos[i]) x[p++] = score[i]!;
    else y[q++] = score[i]!;
  }
  const z = new Float64Array(total);
  z.set(x, 0);
  z.set(y, m);
  const tx = rankdata(x);
  const ty = rankdata(y);
  const tz = rankdata(z);
  const v10 = new Float64Array(m);
  const v01 = new Float64Array(n);
  let sum = 0;
  for (let i = 0; i < m; i++) {
    v10[i] = (tz[i]! - tx[i]!) / n;
    sum += tz[i]!;
  }
  for (let j = 0; j < n; j++) v01[j] = 1 - (tz[m + j]! - ty[j]!) / m;
  return { auc: (sum - (m * (m + 1)) / 2) / (m * n), v10, v01 };
}

/** Sample covariance (ddof 1). */
function covariance(u: Float64Array, v: Float64Array): number {
  const k = u.length;
  let mu = 0;
  let mv = 0;
  for (let i = 0; i < k; i++) {
    mu += u[i]!;
    mv += v[i]!;
  }
  mu /= k;
  mv /= k;
  let s = 0;
  for (let i = 0; i < k; i++) s += (u[i]! - mu) * (v[i]! - mv);
  return s / (k - 1);
}
