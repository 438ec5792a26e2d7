import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  correlationRatio,
  cramersV,
  kendalltau,
  mutualInfoScore,
  normalizedMutualInfoScore,
  pairwiseCorrelation,
  pearsonr,
  spearmanr,
} from './index.js';

const finite = fc.double({ min: -1e6, max: 1e6, noNaN: true, noDefaultInfinity: true });
/** Paired samples of 3..40 values. */
const pairs = fc
  .array(fc.tuple(finite, finite), { minLength: 3, maxLength: 40 })
  .map((rows) => [Float64Array.from(rows, (r) => r[0]), Float64Array.from(rows, (r) => r[1])] as const);
/** Small integers: many ties, and monotone transforms stay exact. */
const tiedPairs = fc
  .array(fc.tuple(fc.integer({ min: -20, max: 20 }), fc.integer({ min: -20, max: 20 })), {
    minLength: 3,
    maxLength: 60,
  })
  .map((rows) => [Float64Array.from(rows, (r) => r[0]), Float64Array.from(rows, (r) => r[1])] as const);
const labels = fc
  .array(fc.tuple(fc.integer({ min: 0, max: 5 }), fc.integer({ min: -3, max: 3 })), {
    minLength: 1,
    maxLength: 60,
  })
  .map((rows) => [rows.map((r) => r[0]), rows.map((r) => r[1])] as const);

function inUnitRange(v: number, lo: number): void {
  if (Number.isNaN(v)) return;
  expect(v).toBeGreaterThanOrEqual(lo);
  expect(v).toBeLessThanOrEqual(1);
}

function brandNew(x: Float64Array, f: (v: number) => number): Float64Array {
  return Float64Array.from(x, f);
}

describe('correlation properties', () => {
  it('pearson, spearman and kendall are symmetric, in [-1, 1], with p-values in [0, 1]', () => {
    fc.assert(
      fc.property(fc.oneof(pairs, tiedPairs), ([x, y]) => {
        for (const f of [pearsonr, spearmanr, kendalltau] as const) {
          const a = f(x, y);
          const b = f(y, x);
          inUnitRange(a.statistic, -1);
          inUnitRange(a.pvalue, 0);
          if (Number.isNaN(a.statistic)) expect(b.statistic).toBeNaN();
          else expect(b.statistic).toBeCloseTo(a.statistic, 12);
        }
        for (const alternative of ['less', 'greater'] as const) {
          inUnitRange(pearsonr(x, y, { alternative }).pvalue, 0);
          inUnitRange(spearmanr(x, y, { alternative }).pvalue, 0);
          inUnitRange(kendalltau(x, y, { alternative, variant: 'c' }).pvalue, 0);
        }
      }),
    );
  });

  it('spearman and kendall ignore strictly increasing transforms and flip sign under decreasing ones', () => {
    const up = (v: number) => v * v * v + 3 * v;
    const down = (v: number) => Math.exp(-v / 7);
    fc.assert(
      fc.property(tiedPairs, ([x, y]) => {
        for (const f of [spearmanr, kendalltau] as const) {
          const base = f(x, y).statistic;
          const moved = f(brandNew(x, up), y).statistic;
          const flipped = f(x, brandNew(y, down)).statistic;
          if (Number.isNaN(base)) {
            expect(moved).toBeNaN();
            continue;
          }
          expect(moved).toBeCloseTo(base, 12);
          expect(flipped).toBeCloseTo(-base, 12);
        }
      }),
    );
  });

  it("kendalltau's merge-sort count agrees with the O(n²) pair count (ties included)", () => {
    fc.assert(
      fc.property(tiedPairs, ([x, y]) => {
        let concordant = 0;
        let discordant = 0;
        let tiesX = 0;
        let tiesY = 0;
        for (let i = 0; i < x.length; i++) {
          for (let j = i + 1; j < x.length; j++) {
            const s = Math.sign(x[i]! - x[j]!) * Math.sign(y[i]! - y[j]!);
            if (s > 0) concordant++;
            else if (s < 0) discordant++;
            else if (x[i] === x[j] && y[i] !== y[j]) tiesX++;
            else if (y[i] === y[j] && x[i] !== x[j]) tiesY++;
          }
        }
        const expected =
          (concordant - discordant) /
          Math.sqrt((concordant + discordant + tiesX) * (concordant + discordant + tiesY));
        const got = kendalltau(x, y).statistic;
        if (Number.isNaN(got)) expect(concordant + discordant).toBe(0);
        else expect(got).toBeCloseTo(expected, 12);
      }),
    );
  });

  it('pairwiseCorrelation equals pearsonr / spearmanr on the complete rows of each pair', () => {
    const column = fc.array(fc.oneof(fc.integer({ min: -5, max: 5 }), fc.constant(Number.NaN)), {
      minLength: 6,
      maxLength: 6,
    });
    fc.assert(
      fc.property(fc.array(column, { minLength: 1, maxLength: 4 }), (cols) => {
        const columns = cols.map((c) => Float64Array.from(c));
        const k = columns.length;
        for (const method of ['pearson', 'spearman'] as const) {
          const m = pairwiseCorrelation(columns, { method });
          for (let i = 0; i < k; i++) {
            for (let j = 0; j < k; j++) {
              const keep = columns[i]!.map((v, r) =>
                Number.isNaN(v) || Number.isNaN(columns[j]![r]!) ? 0 : 1,
              );
              const a = columns[i]!.filter((_, r) => keep[r] === 1);
              const b = columns[j]!.filter((_, r) => keep[r] === 1);
              const ref =
                a.length < 2
                  ? Number.NaN
                  : method === 'pearson'
                    ? safePearson(a, b)
                    : spearmanr(a, b).statistic;
              const got = m.data[i * k + j]!;
              if (Number.isNaN(ref)) expect(got).toBeNaN();
              else expect(got).toBeCloseTo(i === j ? 1 : ref, 12);
            }
          }
        }
      }),
    );
  });
});

function safePearson(a: Float64Array, b: Float64Array): number {
  return pearsonr(a, b).statistic;
}

describe('association properties', () => {
  it('mutual information is symmetric and non-negative, its normalization in [0, 1]', () => {
    fc.assert(
      fc.property(labels, ([a, b]) => {
        const mi = mutualInfoScore(a, b);
        expect(mi).toBeGreaterThanOrEqual(0);
        expect(mutualInfoScore(b, a)).toBeCloseTo(mi, 12);
        const nmi = normalizedMutualInfoScore(a, b);
        inUnitRange(nmi, 0);
        expect(normalizedMutualInfoScore(b, a)).toBeCloseTo(nmi, 12);
        // A labeling is as informative about itself as it can be.
        expect(mutualInfoScore(a, a)).toBeGreaterThanOrEqual(mi - 1e-12);
      }),
    );
  });

  it("Cramér's V (both versions) and the correlation ratio lie in [0, 1]", () => {
    const table = fc.array(fc.array(fc.nat(30), { minLength: 3, maxLength: 3 }), {
      minLength: 1,
      maxLength: 5,
    });
    fc.assert(
      fc.property(table, (t) => {
        inUnitRange(cramersV(t), 0);
        inUnitRange(cramersV(t, { biasCorrection: false }), 0);
        // Transposing a table does not change the association.
        const tt = t[0]!.map((_, j) => t.map((row) => row[j]!));
        const v = cramersV(t, { biasCorrection: false });
        if (Number.isNaN(v)) expect(cramersV(tt, { biasCorrection: false })).toBeNaN();
        else expect(cramersV(tt, { biasCorrection: false })).toBeCloseTo(v, 12);
      }),
    );
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: -1, max: 4 }), finite), { maxLength: 50 }), (rows) => {
        inUnitRange(
          correlationRatio(
            Int32Array.from(rows, (r) => r[0]),
            rows.map((r) => r[1]),
          ),
          0,
        );
      }),
    );
  });
});
