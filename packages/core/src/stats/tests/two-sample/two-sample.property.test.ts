import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createRandom, shuffleInPlace } from '../../../random/index.js';
import {
  andersonKsamp,
  cramervonmises2samp,
  fOneway,
  kruskal,
  ks2samp,
  mannwhitneyu,
  ttestInd,
  ttestRel,
} from './index.js';

/** Small samples with frequent ties (values on a 0.5 grid) or continuous values. */
const sample = (minLength: number) =>
  fc.oneof(
    fc.array(
      fc.integer({ min: -6, max: 6 }).map((v) => v / 2),
      { minLength, maxLength: 25 },
    ),
    fc.array(fc.double({ min: -1e3, max: 1e3, noNaN: true }), { minLength, maxLength: 25 }),
  );
const alternative = fc.constantFrom('two-sided' as const, 'less' as const, 'greater' as const);

function shuffled(x: number[], seed: number): number[] {
  return shuffleInPlace(x.slice(), createRandom(seed));
}

const inUnit = (p: number): boolean => Number.isNaN(p) || (p >= 0 && p <= 1);
const RUNS = { numRuns: 150 };

describe('two-sample test invariants', () => {
  it('p-values lie in [0, 1] (or are NaN where scipy gives NaN)', () => {
    fc.assert(
      fc.property(sample(2), sample(2), alternative, (a, b, alt) => {
        expect(inUnit(ks2samp(a, b, { alternative: alt }).pvalue)).toBe(true);
        expect(inUnit(ks2samp(a, b, { alternative: alt, method: 'asymp' }).pvalue)).toBe(true);
        expect(inUnit(mannwhitneyu(a, b, { alternative: alt }).pvalue)).toBe(true);
        expect(inUnit(mannwhitneyu(a, b, { alternative: alt, method: 'exact' }).pvalue)).toBe(true);
        expect(inUnit(ttestInd(a, b, { alternative: alt, equalVar: false }).pvalue)).toBe(true);
        expect(inUnit(cramervonmises2samp(a, b).pvalue)).toBe(true);
        expect(inUnit(kruskal(a, b).pvalue)).toBe(true);
        expect(inUnit(fOneway(a, b).pvalue)).toBe(true);
        if (new Set([...a, ...b]).size > 1 && a.length + b.length > 3) {
          const p = andersonKsamp([a, b]).pvalue;
          expect(p >= 0.001 && p <= 0.25).toBe(true);
        }
      }),
      RUNS,
    );
  });

  it('results do not depend on the order of values within a sample', () => {
    fc.assert(
      fc.property(sample(2), sample(2), fc.integer(), alternative, (a, b, seed, alt) => {
        const a2 = shuffled(a, seed);
        const b2 = shuffled(b, seed + 1);
        expect(ks2samp(a2, b2, { alternative: alt })).toEqual(ks2samp(a, b, { alternative: alt }));
        expect(mannwhitneyu(a2, b2, { alternative: alt })).toEqual(mannwhitneyu(a, b, { alternative: alt }));
        expect(cramervonmises2samp(a2, b2)).toEqual(cramervonmises2samp(a, b));
        expect(kruskal(a2, b2)).toEqual(kruskal(a, b));
        // Sums in another order may differ in the last bits.
        const t = ttestInd(a, b, { alternative: alt });
        const t2 = ttestInd(a2, b2, { alternative: alt });
        if (Number.isFinite(t.statistic) && Math.abs(t.statistic) < 1e6) {
          expect(t2.statistic).toBeCloseTo(t.statistic, 6);
        }
        if (new Set([...a, ...b]).size > 1 && a.length + b.length > 3) {
          expect(andersonKsamp([a2, b2]).statistic).toBeCloseTo(andersonKsamp([a, b]).statistic, 9);
        }
      }),
      RUNS,
    );
  });

  it('ks2samp(a, a) has statistic 0 and p-value 1', () => {
    fc.assert(
      fc.property(sample(1), fc.constantFrom('auto' as const, 'asymp' as const), (a, method) => {
        const r = ks2samp(a, a, { method });
        expect(r.statistic).toBe(0);
        if (method === 'auto') expect(r.pvalue).toBe(1);
      }),
      RUNS,
    );
  });

  it("swapping the samples swaps 'less' and 'greater'", () => {
    fc.assert(
      fc.property(sample(1), sample(1), (a, b) => {
        const ks1 = ks2samp(a, b, { alternative: 'less' });
        const ks2 = ks2samp(b, a, { alternative: 'greater' });
        expect(ks2.statistic).toBe(ks1.statistic);
        expect(ks2.pvalue).toBeCloseTo(ks1.pvalue, 12);
        const u1 = mannwhitneyu(a, b, { alternative: 'less' });
        const u2 = mannwhitneyu(b, a, { alternative: 'greater' });
        expect(u1.statistic + u2.statistic).toBe(a.length * b.length);
        expect(u2.pvalue).toBeCloseTo(u1.pvalue, 12);
        const t1 = ttestInd(a, b, { alternative: 'less' });
        const t2 = ttestInd(b, a, { alternative: 'greater' });
        if (Number.isNaN(t1.statistic)) expect(t2.statistic).toBeNaN();
        else expect(t2.pvalue).toBeCloseTo(t1.pvalue, 12);
      }),
      RUNS,
    );
  });

  it('two-sided p-values are symmetric in the samples', () => {
    fc.assert(
      fc.property(sample(2), sample(2), (a, b) => {
        expect(ks2samp(b, a).pvalue).toBeCloseTo(ks2samp(a, b).pvalue, 12);
        expect(mannwhitneyu(b, a).pvalue).toBeCloseTo(mannwhitneyu(a, b).pvalue, 12);
        expect(cramervonmises2samp(b, a).statistic).toBeCloseTo(cramervonmises2samp(a, b).statistic, 12);
      }),
      RUNS,
    );
  });

  it('ttestRel of a sample with itself shifted by c has mean difference -c', () => {
    fc.assert(
      fc.property(sample(3), fc.double({ min: 0.5, max: 10, noNaN: true }), (a, c) => {
        const r = ttestRel(
          a,
          a.map((v) => v + c),
        );
        if (Number.isFinite(r.statistic)) expect(r.statistic).toBeLessThan(0);
        expect(r.df).toBe(a.length - 1);
      }),
      RUNS,
    );
  });
});
