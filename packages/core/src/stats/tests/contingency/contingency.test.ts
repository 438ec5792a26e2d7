import { describe, expect, it } from 'vitest';
import { VigieError } from '../../../errors/index.js';
import { hypergeomCdf, hypergeomPmf, hypergeomSf } from './hypergeom.js';
import {
  chi2Contingency,
  chisquare,
  contingencyFromCodes,
  fisherExact,
  gtest,
  powerDivergence,
  proportionsZtest,
} from './index.js';

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (err) {
    return err instanceof VigieError ? err.code : 'not a VigieError';
  }
  return undefined;
}

describe('documented examples', () => {
  it('match scipy and statsmodels', () => {
    const x2 = chisquare([16, 18, 16, 14, 12, 12]);
    expect(x2.statistic).toBe(2);
    expect(x2.pvalue).toBeCloseTo(0.8491450360846096, 15);
    const g = powerDivergence([16, 18, 16, 14, 12, 12], null, { lambda_: 'log-likelihood' });
    expect(g.statistic).toBeCloseTo(2.006573162632538, 14);
    const c = chi2Contingency([
      [12, 5],
      [7, 9],
    ]);
    expect(c.statistic).toBeCloseTo(1.455996378814684, 13);
    expect(c.pvalue).toBeCloseTo(0.22756821457580642, 13);
    expect(c.dof).toBe(1);
    expect(
      gtest(
        [
          [12, 5],
          [7, 9],
        ],
        { correction: false },
      ).statistic,
    ).toBeCloseTo(2.460043007730719, 13);
    expect(
      fisherExact([
        [8, 2],
        [1, 5],
      ]).statistic,
    ).toBe(20);
    expect(
      fisherExact([
        [8, 2],
        [1, 5],
      ]).pvalue,
    ).toBeCloseTo(0.034965034965034975, 14);
    const z = proportionsZtest([15, 25], [50, 50]);
    expect(z.statistic).toBeCloseTo(-2.041241452319315, 14);
    expect(z.pvalue).toBeCloseTo(0.041226833337163676, 14);
    expect(contingencyFromCodes([0, 1, 1, -1], [1, 0, 1, 0], 2, 2)).toEqual([
      [0, 1],
      [1, 1],
    ]);
  });
});

describe('argument errors (where scipy raises)', () => {
  it('rejects mismatched totals unless the check is off', () => {
    expect(codeOf(() => chisquare([1, 2, 3], [2, 2, 3]))).toBe('INVALID_ARGUMENT');
    expect(chisquare([1, 2, 3], [2, 2, 3], { sumCheck: false }).statistic).toBe(0.5);
    expect(codeOf(() => chisquare([1, 2, 3], [1, 2]))).toBe('INVALID_ARGUMENT');
    expect(codeOf(() => chisquare([1, Number.NaN], null, { nanPolicy: 'raise' }))).toBe('INVALID_ARGUMENT');
  });

  it('rejects unknown lambda names and bad tables', () => {
    // biome-ignore lint/suspicious/noExplicitAny: an untyped caller passing a wrong name
    expect(codeOf(() => powerDivergence([1, 2], null, { lambda_: 'nope' as any }))).toBe('INVALID_ARGUMENT');
    expect(codeOf(() => chi2Contingency([]))).toBe('INVALID_ARGUMENT');
    expect(codeOf(() => chi2Contingency([[1, 2], [3]]))).toBe('INVALID_ARGUMENT');
    expect(
      codeOf(() =>
        chi2Contingency([
          [1, -2],
          [3, 4],
        ]),
      ),
    ).toBe('INVALID_ARGUMENT');
    expect(
      codeOf(() =>
        chi2Contingency([
          [0, 0],
          [3, 4],
        ]),
      ),
    ).toBe('INVALID_ARGUMENT');
  });

  it('refuses what Fisher cannot answer exactly', () => {
    // scipy would run a random Monte Carlo test here; Vigie stays deterministic.
    expect(
      codeOf(() =>
        fisherExact([
          [1, 2, 3],
          [4, 5, 6],
        ]),
      ),
    ).toBe('UNSUPPORTED');
    // scipy would silently truncate 2.5 to 2.
    expect(
      codeOf(() =>
        fisherExact([
          [2.5, 1],
          [1, 1],
        ]),
      ),
    ).toBe('INVALID_ARGUMENT');
    expect(
      codeOf(() =>
        fisherExact([
          [-1, 1],
          [1, 1],
        ]),
      ),
    ).toBe('INVALID_ARGUMENT');
  });

  it('mirrors statsmodels on proportions', () => {
    expect(codeOf(() => proportionsZtest(3, 10))).toBe('INVALID_ARGUMENT');
    expect(codeOf(() => proportionsZtest([1, 2, 3], [10, 10, 10]))).toBe('UNSUPPORTED');
    expect(codeOf(() => proportionsZtest([1, 2], [10, 10, 10]))).toBe('INVALID_ARGUMENT');
    expect(proportionsZtest([2, 3], [10])).toEqual(proportionsZtest([2, 3], 10));
  });

  it('validates category codes', () => {
    expect(codeOf(() => contingencyFromCodes([0, 1], [0], 2, 2))).toBe('INVALID_ARGUMENT');
    expect(codeOf(() => contingencyFromCodes([0, 2], [0, 0], 2, 2))).toBe('INVALID_ARGUMENT');
    expect(codeOf(() => contingencyFromCodes([0, -2], [0, 0], 2, 2))).toBe('INVALID_ARGUMENT');
    expect(codeOf(() => contingencyFromCodes([0.5], [0], 2, 2))).toBe('INVALID_ARGUMENT');
    expect(contingencyFromCodes(new Int32Array([-1, -1]), new Int32Array([0, -1]), 1, 1)).toEqual([[0]]);
  });
});

describe('hypergeometric law behind fisherExact', () => {
  it('has mass 1 and complementary tails', () => {
    for (const [M, n, N] of [
      [20, 7, 12],
      [1000, 300, 450],
      [200_000, 100_000, 99_999],
    ] as const) {
      const lo = Math.max(0, N + n - M);
      const hi = Math.min(n, N);
      let total = 0;
      for (let k = lo; k <= hi; k++) total += hypergeomPmf(k, M, n, N);
      expect(total).toBeCloseTo(1, 12);
      for (const k of [lo, Math.floor((lo + hi) / 2), hi - 1]) {
        expect(hypergeomCdf(k, M, n, N) + hypergeomSf(k, M, n, N)).toBeCloseTo(1, 13);
      }
    }
  });

  it('matches exact values', () => {
    // C(7,3) C(13,9) / C(20,12) = 35 · 715 / 125970
    expect(hypergeomPmf(3, 20, 7, 12)).toBeCloseTo((35 * 715) / 125970, 15);
    expect(hypergeomPmf(8, 20, 7, 12)).toBe(0);
  });
});
