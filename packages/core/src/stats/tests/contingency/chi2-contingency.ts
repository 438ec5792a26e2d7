import { VigieError } from '../../../errors/index.js';
import type { TestResult } from '../../input.js';
import { numpySum } from './numpy-sum.js';
import { divergenceTest, lambdaValue, type PowerDivergenceLambda } from './power-divergence.js';
import { type ContingencyTable, type DenseTable, readTable, toRows } from './table.js';

export interface Chi2ContingencyOptions {
  /** Yates' continuity correction, applied only when dof = 1 (2×2 tables). Default true. */
  correction?: boolean;
  /** The power-divergence statistic to use; default 1 (Pearson's X²). */
  lambda_?: PowerDivergenceLambda;
}

export interface Chi2ContingencyResult extends TestResult {
  /** (rows - 1)(cols - 1). */
  dof: number;
  /** rowSum · colSum / total for every cell, one array per row. */
  expectedFreq: number[][];
}

/**
 * Chi-squared test of independence of the rows and columns of a two-way table, as
 * `scipy.stats.chi2_contingency`: expected counts rowSum·colSum/total, statistic the power
 * divergence (Pearson's X² by default, `lambda_` as powerDivergence), p-value from chi-squared
 * with (r-1)(c-1) degrees of freedom. With `correction` (default) and dof = 1, each observed count
 * moves towards its expected count by min(0.5, |o - e|) (Yates). A table with one row or one
 * column has dof = 0: statistic 0, p-value 1. Throws VigieError('INVALID_ARGUMENT') for negative
 * counts, an empty table, or a zero expected count (a row or column of zeros), as scipy raises.
 * NaN counts propagate to NaN results.
 *
 * @example chi2Contingency([[12, 5], [7, 9]]); // { statistic: 1.455996378814684, pvalue: 0.22756821457580642, dof: 1, expectedFreq: [...] }
 */
export function chi2Contingency(
  observed: ContingencyTable,
  options: Chi2ContingencyOptions = {},
): Chi2ContingencyResult {
  const { correction = true, lambda_ = 1 } = options;
  const lambda = lambdaValue(lambda_, 'chi2Contingency');
  const table = readTable(observed, 'chi2Contingency');
  const { rows, cols, data } = table;
  for (let i = 0; i < data.length; i++) {
    if (data[i]! < 0) {
      throw new VigieError(
        'INVALID_ARGUMENT',
        `chi2Contingency: counts must be nonnegative (got ${data[i]})`,
      );
    }
  }
  const expected = expectedFreq(table);
  const zero = expected.data.indexOf(0);
  if (zero >= 0) {
    throw new VigieError(
      'INVALID_ARGUMENT',
      `chi2Contingency: the expected frequency of cell (${Math.floor(zero / cols)}, ${zero % cols}) is zero (a row or column sums to zero)`,
      { details: { row: Math.floor(zero / cols), column: zero % cols } },
    );
  }
  const dof = (rows - 1) * (cols - 1);
  const expectedRows = toRows(expected);
  if (dof === 0) return { statistic: 0, pvalue: 1, dof, expectedFreq: expectedRows };
  let obs = data;
  if (dof === 1 && correction) {
    obs = new Float64Array(data.length);
    for (let i = 0; i < data.length; i++) {
      const diff = expected.data[i]! - data[i]!;
      // Never move a count past its expected value (scipy gh-13875).
      obs[i] = data[i]! + Math.min(0.5, Math.abs(diff)) * Math.sign(diff);
    }
  }
  const size = data.length;
  const { statistic, pvalue } = divergenceTest(
    obs,
    expected.data,
    size - 1 - dof,
    lambda,
    true,
    'chi2Contingency',
  );
  return { statistic, pvalue, dof, expectedFreq: expectedRows };
}

/**
 * The G-test of independence (log-likelihood ratio), `chi2Contingency` with
 * `lambda_: 'log-likelihood'`: G = 2·Σ o·log(o/e), Yates-corrected when dof = 1 and
 * `correction` (default true, as chi2_contingency). For a goodness-of-fit G-test use
 * `powerDivergence(fObs, fExp, { lambda_: 'log-likelihood' })`.
 *
 * @example gtest([[12, 5], [7, 9]], { correction: false }); // { statistic: 2.460043007730719, pvalue: 0.1167755846784958, dof: 1, ... }
 */
export function gtest(
  observed: ContingencyTable,
  options: { correction?: boolean } = {},
): Chi2ContingencyResult {
  return chi2Contingency(observed, { correction: options.correction ?? true, lambda_: 'log-likelihood' });
}

/** rowSum·colSum/total per cell, with numpy's summation orders (scipy.stats.contingency.expected_freq). */
function expectedFreq(t: DenseTable): DenseTable {
  const { rows, cols, data } = t;
  const rowSums = new Float64Array(rows);
  for (let i = 0; i < rows; i++) rowSums[i] = numpySum(data, i * cols, cols);
  // numpy reduces over the first axis by adding whole rows in order.
  const colSums = data.slice(0, cols);
  for (let i = 1; i < rows; i++) {
    for (let j = 0; j < cols; j++) colSums[j] = colSums[j]! + data[i * cols + j]!;
  }
  const total = numpySum(data);
  const out = new Float64Array(rows * cols);
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++) out[i * cols + j] = (rowSums[i]! * colSums[j]!) / total;
  }
  return { rows, cols, data: out };
}
