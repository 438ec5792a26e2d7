import { VigieError } from '../../../errors/index.js';
import type { Alternative, TestResult } from '../../input.js';
import { hypergeomCdf, hypergeomPmf, hypergeomSf } from './hypergeom.js';
import type { ContingencyTable } from './table.js';

export interface FisherExactOptions {
  /** 'less': the odds ratio is below 1; 'greater': above 1. Default 'two-sided'. */
  alternative?: Alternative;
}

// scipy's relative tolerance when comparing probabilities of tables "as or more extreme".
const RTOL = 1e-14;

/**
 * Fisher's exact test on a 2×2 table [[a, b], [c, d]], as `scipy.stats.fisher_exact`. The
 * statistic is the sample (unconditional) odds ratio ad/(bc), Infinity when bc = 0; the p-value
 * comes from the hypergeometric law of a given the margins. 'less' is P(X <= a), 'greater'
 * P(X >= a); 'two-sided' sums the probabilities of all tables no more probable than the observed
 * one, with scipy's relative tolerance 1e-14 on "no more probable" (and p = 1 when the
 * observed table is as probable as the mode). A row or column of zeros gives
 * { statistic: NaN, pvalue: 1 }, as scipy.
 *
 * Departures from scipy, on purpose: larger tables throw VigieError('UNSUPPORTED') (scipy runs a
 * random Monte Carlo test there), and non-integer or non-finite counts throw
 * VigieError('INVALID_ARGUMENT') (scipy silently truncates them to integers).
 *
 * @example fisherExact([[8, 2], [1, 5]]); // { statistic: 20, pvalue: 0.034965034965034975 }
 */
export function fisherExact(table: ContingencyTable, options: FisherExactOptions = {}): TestResult {
  const { alternative = 'two-sided' } = options;
  const [c00, c01, c10, c11] = readTwoByTwo(table);
  const row0 = c00 + c01;
  const row1 = c10 + c11;
  const col0 = c00 + c10;
  if (row0 === 0 || row1 === 0 || col0 === 0 || c01 + c11 === 0) return { statistic: Number.NaN, pvalue: 1 };
  const statistic = c10 > 0 && c01 > 0 ? (c00 * c11) / (c10 * c01) : Number.POSITIVE_INFINITY;
  const M = row0 + row1;
  let pvalue: number;
  if (alternative === 'less') {
    pvalue = hypergeomCdf(c00, M, row0, col0);
  } else if (alternative === 'greater') {
    // The same tail, read on the second column.
    pvalue = hypergeomCdf(c01, M, row0, c01 + c11);
  } else if (alternative === 'two-sided') {
    pvalue = twoSided(c00, M, row0, col0);
  } else {
    throw new VigieError('INVALID_ARGUMENT', `fisherExact: unknown alternative '${String(alternative)}'`);
  }
  return { statistic, pvalue: Math.min(pvalue, 1) };
}

/** scipy's two-sided p-value: the observed tail plus the tail beyond the mode no more probable. */
function twoSided(x: number, M: number, n: number, N: number): number {
  const mode = Math.trunc(((N + 1) * (n + 1)) / (M + 2));
  const pexact = hypergeomPmf(x, M, n, N);
  const pmode = hypergeomPmf(mode, M, n, N);
  const gamma = 1 + RTOL;
  if (Math.abs(pexact - pmode) / Math.max(pexact, pmode) <= RTOL) return 1;
  if (x < mode) {
    const plower = hypergeomCdf(x, M, n, N);
    if (hypergeomPmf(N, M, n, N) > pexact * gamma) return plower;
    const guess = binarySearch((k) => -hypergeomPmf(k, M, n, N), -pexact * gamma, mode, N);
    return plower + hypergeomSf(guess, M, n, N);
  }
  const pupper = hypergeomSf(x - 1, M, n, N);
  if (hypergeomPmf(0, M, n, N) > pexact * gamma) return pupper;
  const guess = binarySearch((k) => hypergeomPmf(k, M, n, N), pexact * gamma, 0, mode);
  return pupper + hypergeomCdf(guess, M, n, N);
}

/**
 * scipy's `_binary_search_for_binom_tst`: for `f` increasing on [lo, hi], the i with
 * f(i) <= d < f(i + 1).
 */
function binarySearch(f: (k: number) => number, d: number, lo: number, hi: number): number {
  let a = lo;
  let b = hi;
  while (a < b) {
    const mid = a + Math.floor((b - a) / 2);
    const value = f(mid);
    if (value < d) a = mid + 1;
    else if (value > d) b = mid - 1;
    else return mid;
  }
  return f(a) <= d ? a : a - 1;
}

function readTwoByTwo(table: ContingencyTable): [number, number, number, number] {
  if (table.length !== 2 || table[0]!.length !== 2 || table[1]!.length !== 2) {
    throw new VigieError(
      'UNSUPPORTED',
      'fisherExact: only 2×2 tables are supported (scipy uses a random Monte Carlo test for larger tables)',
    );
  }
  const cells = [table[0]![0]!, table[0]![1]!, table[1]![0]!, table[1]![1]!] as const;
  for (const v of cells) {
    if (!Number.isInteger(v) || v < 0) {
      throw new VigieError('INVALID_ARGUMENT', `fisherExact: counts must be nonnegative integers (got ${v})`);
    }
  }
  return [...cells];
}
