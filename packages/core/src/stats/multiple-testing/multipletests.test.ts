import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { expectGolden, loadGolden, PVALUE_TOL } from '../../../test/support/golden.js';
import { benjaminiHochberg, bonferroni, holm, type MultipleTestsMethod, multipletests } from './index.js';

interface Expected {
  reject: boolean[];
  pvalsCorrected: number[];
  statsmodelsRaw?: { reject: boolean[]; pvalsCorrected: number[] };
}
const golden = loadGolden<{
  cases: { name: string; pvals: number[]; alpha: number; methods: Record<MultipleTestsMethod, Expected> }[];
}>('multiple_testing');
const METHODS: MultipleTestsMethod[] = ['bonferroni', 'sidak', 'holm', 'holm-sidak', 'fdr_bh', 'fdr_by'];

describe('multipletests', () => {
  it('matches statsmodels.stats.multitest.multipletests (NaN left out of m, see the generator)', () => {
    for (const c of golden.cases) {
      for (const method of METHODS) {
        const expected = c.methods[method];
        const got = multipletests(c.pvals, { method, alpha: c.alpha });
        expect(got.reject, `${c.name} ${method} reject`).toEqual(expected.reject);
        for (let i = 0; i < c.pvals.length; i++) {
          expectGolden(
            `multipletests ${method}`,
            got.pvalsCorrected[i]!,
            expected.pvalsCorrected[i]!,
            PVALUE_TOL,
            `${c.name}[${i}] alpha=${c.alpha}`,
          );
        }
      }
    }
  });

  it('departs from statsmodels on NaN only where NaN is involved', () => {
    // statsmodels counts NaN in m; on NaN-free inputs both conventions coincide (checked above).
    const c = golden.cases.find((x) => x.name === 'nan-one')!;
    const raw = c.methods.bonferroni.statsmodelsRaw!;
    expect(raw.pvalsCorrected[0]).toBeCloseTo(0.04, 15); // 0.01 · 4, NaN counted
    expect(multipletests(c.pvals, { method: 'bonferroni' }).pvalsCorrected[0]).toBeCloseTo(0.03, 15);
    expect(c.methods.fdr_bh.statsmodelsRaw!.pvalsCorrected.every(Number.isNaN)).toBe(true);
  });

  it('keeps corrected p-values in [0, 1], at least the raw ones, and monotone in the raw order', () => {
    const pvalue = fc.oneof(fc.double({ min: 0, max: 1, noNaN: true }), fc.constantFrom(0, 1, Number.NaN));
    fc.assert(
      fc.property(fc.array(pvalue, { maxLength: 60 }), fc.constantFrom(...METHODS), (p, method) => {
        const { pvalsCorrected, reject } = multipletests(p, { method });
        const idx = p.map((_, i) => i).filter((i) => !Number.isNaN(p[i]));
        for (let i = 0; i < p.length; i++) {
          if (Number.isNaN(p[i]!)) {
            expect(pvalsCorrected[i]).toBeNaN();
            expect(reject[i]).toBe(false);
            continue;
          }
          expect(pvalsCorrected[i]).toBeGreaterThanOrEqual(0);
          expect(pvalsCorrected[i]).toBeLessThanOrEqual(1);
          expect(pvalsCorrected[i]! + 1e-15).toBeGreaterThanOrEqual(p[i]!);
        }
        for (const i of idx) {
          for (const j of idx) {
            if (p[i]! < p[j]!) {
              expect(pvalsCorrected[i]!).toBeLessThanOrEqual(pvalsCorrected[j]! * (1 + 1e-15));
              if (reject[j]) expect(reject[i]).toBe(true);
            }
          }
        }
      }),
    );
  });

  it('offers shortcuts and validates its input', () => {
    const p = [0.01, 0.04, 0.03];
    expect(Array.from(bonferroni(p))).toEqual(
      Array.from(multipletests(p, { method: 'bonferroni' }).pvalsCorrected),
    );
    expect(Array.from(holm(p))).toEqual(Array.from(multipletests(p, { method: 'holm' }).pvalsCorrected));
    expect(Array.from(benjaminiHochberg(p))).toEqual(
      Array.from(multipletests(p, { method: 'fdr_bh' }).pvalsCorrected),
    );
    expect(() => multipletests([1.5])).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
    expect(() => multipletests([-0.1])).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
    expect(() => multipletests([0.1], { alpha: 0 })).toThrow(
      expect.objectContaining({ code: 'INVALID_ARGUMENT' }),
    );
    expect(() => multipletests([0.1], { method: 'nope' as MultipleTestsMethod })).toThrow(
      expect.objectContaining({ code: 'INVALID_ARGUMENT' }),
    );
  });
});
