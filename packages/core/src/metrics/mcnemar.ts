import { betainc, chi2 } from '../stats/index.js';
import { type LabelArray, labelKind } from './labels.js';
import { checkLengths, invalid } from './validate.js';

export interface McnemarOptions {
  /** Exact binomial test (default true, as statsmodels); false: chi-square with one degree of freedom. */
  exact?: boolean;
  /** Continuity correction of the chi-square statistic, (|b − c| − 1)² / (b + c). Default true, as statsmodels. */
  correction?: boolean;
}

export interface McnemarResult {
  /** Exact: min(b, c); chi-square: (|b − c| − correction)² / (b + c). */
  statistic: number;
  pvalue: number;
  /**
   * The paired 2×2 table of correctness: [[both right, only A right], [only B right, both wrong]];
   * b = table[0][1] and c = table[1][0] are the discordant rows the test uses.
   */
  table: [[number, number], [number, number]];
  /** b: rows A predicts right and B wrong. */
  onlyA: number;
  /** c: rows B predicts right and A wrong. */
  onlyB: number;
  n: number;
}

/**
 * McNemar's test of two classifiers on the same rows, as
 * statsmodels.stats.contingency_tables.mcnemar on the table of correctness (A right/wrong × B
 * right/wrong): only the discordant counts b (A right, B wrong) and c (B right, A wrong) matter.
 * Exact (default): statistic min(b, c), p = min(1, 2·BinomCDF(min(b, c); b + c, ½)). Chi-square:
 * (|b − c| − 1)² / (b + c) with the continuity correction (default) or (b − c)² / (b + c)
 * without, p from χ²(1). Departure: with no discordant rows the chi-square form returns statistic
 * 0 and p = 1 (statsmodels divides 0 by 0: NaN, or ∞ and p = 0 with the correction). Labels
 * (integers or strings) are compared for equality; NaN in yTrue, a mix of strings and numbers,
 * mismatched lengths and empty input throw INVALID_ARGUMENT.
 *
 * @example mcnemar([1, 1, 0, 0, 1], [1, 1, 0, 1, 0], [1, 0, 1, 0, 0]) // b = 2, c = 1, pvalue 1
 */
export function mcnemar(
  yTrue: LabelArray,
  predA: LabelArray,
  predB: LabelArray,
  options: McnemarOptions = {},
): McnemarResult {
  const fn = 'mcnemar';
  const n = checkLengths(fn, { yTrue, predA, predB });
  labelKind(fn, [yTrue, predA, predB]);
  const cells = [0, 0, 0, 0];
  for (let i = 0; i < n; i++) {
    const t = yTrue[i];
    // NaN equals nothing, itself included: refuse it rather than count every row as an error.
    if (t !== t) invalid(fn, `yTrue contains NaN at row ${i + 1}`);
    const wrongA = predA[i] === t ? 0 : 2;
    const wrongB = predB[i] === t ? 0 : 1;
    cells[wrongA + wrongB]!++;
  }
  const [both, onlyA, onlyB, neither] = cells as [number, number, number, number];
  return {
    ...mcnemarFromCounts(onlyA, onlyB, options),
    table: [
      [both, onlyA],
      [onlyB, neither],
    ],
    onlyA,
    onlyB,
    n,
  };
}

/** McNemar's statistic and p-value from the discordant counts b and c. */
export function mcnemarFromCounts(
  b: number,
  c: number,
  options: McnemarOptions = {},
): { statistic: number; pvalue: number } {
  const exact = options.exact ?? true;
  if (exact) {
    const k = Math.min(b, c);
    const m = b + c;
    // BinomCDF(k; m, ½) = I_½(m − k, k + 1), the regularized incomplete beta function.
    const cdf = k >= m ? 1 : betainc(m - k, k + 1, 0.5);
    return { statistic: k, pvalue: Math.min(1, 2 * cdf) };
  }
  if (b + c === 0) return { statistic: 0, pvalue: 1 };
  const corr = (options.correction ?? true) ? 1 : 0;
  const d = Math.abs(b - c) - corr;
  const statistic = (d * d) / (b + c);
  return { statistic, pvalue: chi2.sf(statistic, 1) };
}
