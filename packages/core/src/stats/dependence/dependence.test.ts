import { describe, expect, it } from 'vitest';
import { createRandom } from '../../random/index.js';
import {
  correlationRatio,
  cramersV,
  kendalltau,
  mutualInfoBinned,
  mutualInfoScore,
  mutualInfoWithTarget,
  normalizedMutualInfoScore,
  pairwiseCorrelation,
  pearsonr,
  spearmanr,
} from './index.js';

const invalid = expect.objectContaining({ code: 'INVALID_ARGUMENT' });
const LN2 = Math.LN2;

describe('documented examples', () => {
  it('give the values their doc comments state', () => {
    expect(pearsonr([1, 2, 3, 4], [1, 3, 2, 4]).statistic).toBeCloseTo(0.8, 15);
    expect(spearmanr([1, 2, 3, 4, 5], [5, 6, 7, 8, 7]).statistic).toBeCloseTo(0.8207826816681233, 15);
    expect(kendalltau([12, 2, 1, 12, 2], [1, 4, 7, 1, 0]).statistic).toBeCloseTo(-0.47140452079103173, 15);
    expect(
      cramersV(
        [
          [10, 0],
          [0, 10],
        ],
        { biasCorrection: false },
      ),
    ).toBe(1);
    expect(correlationRatio(Int32Array.of(0, 0, 1, 1), [1, 2, 5, 6])).toBeCloseTo(0.9701425001453319, 15);
    expect(mutualInfoScore([0, 0, 1, 1], [1, 1, 0, 0])).toBeCloseTo(LN2, 15);
    expect(normalizedMutualInfoScore([0, 0, 1, 1], [1, 1, 0, 0])).toBeCloseTo(1, 15);
    expect(mutualInfoBinned([1, 2, 3, 4], [1, 2, 3, 4], { bins: 2 })).toBeCloseTo(LN2, 15);
    expect(
      mutualInfoWithTarget([0.1, 0.2, 0.9, 1.0], [0, 0, 1, 1], { discreteTarget: true, bins: 2 }),
    ).toBeCloseTo(LN2, 15);
    const m = pairwiseCorrelation([Float64Array.of(1, 2, 3, Number.NaN), Float64Array.of(2, 4, 7, 1)]);
    expect(m.data[1]).toBeCloseTo(pearsonr([1, 2, 3], [2, 4, 7]).statistic, 15);
  });
});

describe('pearsonr', () => {
  it('rejects what scipy rejects', () => {
    expect(() => pearsonr([1], [2])).toThrow(invalid);
    expect(() => pearsonr([1, 2, 3], [1, 2])).toThrow(invalid);
    expect(() => pearsonr([1, 2, 3], [1, 2, 4], { alternative: 'sideways' as 'less' })).toThrow(invalid);
    expect(() => pearsonr([1, 2, 3, 4, 5], [1, 3, 2, 5, 4]).confidenceInterval(1)).toThrow(invalid);
  });

  it('gives r = ±1 and p = 1 for two pairs, NaN for constant input, and survives extreme magnitudes', () => {
    expect(pearsonr([1, 2], [5, -3])).toMatchObject({ statistic: -1, pvalue: 1 });
    expect(pearsonr([2, 2, 2], [1, 2, 3]).statistic).toBeNaN();
    expect(pearsonr([1, 2, Number.NaN], [1, 2, 3]).pvalue).toBeNaN();
    // Sums of squares would overflow / underflow without rescaling.
    const x = [1, -1, 0.3, 0.7];
    const y = [1, -1, 0.2, 0.9];
    const r = pearsonr(x, y).statistic;
    expect(
      pearsonr(
        x.map((v) => v * 1e200),
        y,
      ).statistic,
    ).toBeCloseTo(r, 12);
    expect(
      pearsonr(
        x.map((v) => v * 1e-200),
        y,
      ).statistic,
    ).toBeCloseTo(r, 12);
  });
});

describe('spearmanr', () => {
  it('omits NaN pairs, then treats a constant remainder as propagate does (NaN)', () => {
    // Departure: scipy's nan_policy='omit' goes through scipy.stats.mstats, which returns 0 with
    // p = 1 for a constant remainder and also drops ±Infinity; Vigie keeps one definition.
    expect(spearmanr([1, Number.NaN, 1, 1], [3, 1, 2, 5], { nanPolicy: 'omit' }).statistic).toBeNaN();
    expect(() => spearmanr([1, Number.NaN, 3], [1, 2, 3], { nanPolicy: 'raise' })).toThrow(/NaN/);
    expect(spearmanr([1], [2]).statistic).toBeNaN();
  });
});

describe('kendalltau', () => {
  it('refuses the exact method with ties, or when it would take too long', () => {
    expect(() => kendalltau([1, 1, 2], [1, 2, 3], { method: 'exact' })).toThrow(/ties/);
    const n = 30000;
    const x = Float64Array.from({ length: n }, (_, i) => i);
    const y = Float64Array.from({ length: n }, (_, i) => (i * 7919) % n);
    expect(() => kendalltau(x, y, { method: 'exact' })).toThrow(
      expect.objectContaining({ code: 'INPUT_TOO_LARGE' }),
    );
    expect(() => kendalltau(x, y, { variant: 'a' as 'b' })).toThrow(invalid);
  });

  it('gives an asymptotic p-value for two pairs where scipy divides by zero', () => {
    const res = kendalltau([1, 2], [2, 1], { method: 'asymptotic' });
    expect(res.statistic).toBe(-1);
    expect(res.pvalue).toBeGreaterThan(0);
    expect(res.pvalue).toBeLessThanOrEqual(1);
  });

  it('stays fast at n = 100,000 with ties (O(n log n))', () => {
    const rng = createRandom(7);
    const n = 100_000;
    const x = Float64Array.from({ length: n }, () => Math.floor(rng.float() * 1000));
    const y = Float64Array.from(x, (v) => v + rng.normal() * 300);
    const t0 = performance.now();
    const res = kendalltau(x, y);
    expect(performance.now() - t0).toBeLessThan(5000);
    expect(res.statistic).toBeGreaterThan(0.5);
  });
});

describe('cramersV', () => {
  it('drops empty rows and columns (scipy raises) and returns NaN below 2 × 2', () => {
    expect(
      cramersV([
        [3, 0, 4],
        [0, 0, 0],
        [5, 0, 1],
      ]),
    ).toBe(
      cramersV([
        [3, 4],
        [5, 1],
      ]),
    );
    expect(cramersV([[1, 2, 3]])).toBeNaN();
    expect(cramersV([])).toBeNaN();
    // n = 2: Bergsma's corrected table size r̃ - 1 = 0, the correction is undefined.
    expect(
      cramersV([
        [1, 0],
        [0, 1],
      ]),
    ).toBeNaN();
    expect(
      cramersV(
        [
          [1, 0],
          [0, 1],
        ],
        { biasCorrection: false },
      ),
    ).toBe(1);
  });

  it('rejects negative or non-finite counts and ragged tables', () => {
    expect(() =>
      cramersV([
        [1, -1],
        [2, 3],
      ]),
    ).toThrow(invalid);
    expect(() =>
      cramersV([
        [1, Number.NaN],
        [2, 3],
      ]),
    ).toThrow(invalid);
    expect(() => cramersV([[1, 2], [3]])).toThrow(invalid);
  });
});

describe('correlationRatio', () => {
  it('is 1 when categories determine the values, 0 for a single group, NaN without spread', () => {
    expect(correlationRatio(Int32Array.of(0, 0, 1, 1), [2, 2, 9, 9])).toBe(1);
    expect(correlationRatio(Int32Array.of(4, 4, 4), [1, 2, 3])).toBe(0);
    expect(correlationRatio(Int32Array.of(0, 1), [5, 5])).toBeNaN();
    expect(correlationRatio(Int32Array.of(-1, -1), [5, 6])).toBeNaN();
    expect(() => correlationRatio(Int32Array.of(0), [1, 2])).toThrow(invalid);
  });
});

describe('mutual information', () => {
  it('rejects NaN labels and unequal lengths; bins 1 carries no information', () => {
    expect(() => mutualInfoScore([0, Number.NaN], [0, 1])).toThrow(invalid);
    expect(() => mutualInfoScore([0, 1], [0])).toThrow(invalid);
    expect(() => normalizedMutualInfoScore([0, 1], [0, 1], { averageMethod: 'median' as 'min' })).toThrow(
      invalid,
    );
    expect(mutualInfoBinned([1, 2, 3], [3, 1, 2], { bins: 1 })).toBe(0);
    expect(mutualInfoBinned([Number.NaN], [1])).toBeNaN();
    expect(() => mutualInfoBinned([1, Number.POSITIVE_INFINITY], [1, 2])).toThrow(invalid);
  });

  it('handles label sets too large for a dense table (1000 × 1000 classes)', () => {
    const n = 5000;
    const a = Int32Array.from({ length: n }, (_, i) => (i * 7) % 1000);
    const b = Int32Array.from({ length: n }, (_, i) => (i * 13) % 1000);
    const denseRef = (() => {
      // Same MI from the definition with a Map-based table.
      const cells = new Map<string, number>();
      const ra = new Map<number, number>();
      const rb = new Map<number, number>();
      for (let i = 0; i < n; i++) {
        cells.set(`${a[i]},${b[i]}`, (cells.get(`${a[i]},${b[i]}`) ?? 0) + 1);
        ra.set(a[i]!, (ra.get(a[i]!) ?? 0) + 1);
        rb.set(b[i]!, (rb.get(b[i]!) ?? 0) + 1);
      }
      let mi = 0;
      for (const [key, c] of cells) {
        const [i, j] = key.split(',').map(Number);
        mi += (c / n) * Math.log((n * c) / (ra.get(i!)! * rb.get(j!)!));
      }
      return mi;
    })();
    expect(mutualInfoScore(a, b)).toBeCloseTo(denseRef, 10);
  });
});

describe('pairwiseCorrelation', () => {
  it('validates its input and handles zero columns', () => {
    expect(pairwiseCorrelation([])).toEqual({ data: new Float64Array(0), rows: 0, cols: 0 });
    expect(() => pairwiseCorrelation([Float64Array.of(1, 2), Float64Array.of(1)])).toThrow(invalid);
    expect(() => pairwiseCorrelation([Float64Array.of(1, 2)], { method: 'kendall' as 'pearson' })).toThrow(
      invalid,
    );
  });

  it('agrees with the complete-data correlation when a column with missing values is far from its mean', () => {
    // The shifted one-pass sums would cancel here; the pair is redone in two passes.
    const x = Float64Array.of(1e15, 1, 2, 3, 4, 5);
    const y = Float64Array.of(Number.NaN, 2, 1, 4, 3, 6);
    const r = pairwiseCorrelation([x, y]).data[1]!;
    expect(r).toBeCloseTo(pearsonr([1, 2, 3, 4, 5], [2, 1, 4, 3, 6]).statistic, 14);
  });
});
