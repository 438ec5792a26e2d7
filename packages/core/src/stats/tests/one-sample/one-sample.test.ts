import { describe, expect, it } from 'vitest';
import { VigieError } from '../../../errors/index.js';
import { jarqueBera, kurtosistest, normaltest, shapiro, skewtest } from './index.js';

const ONE_TO_EIGHT = [1, 2, 3, 4, 5, 6, 7, 8];

describe('documented examples (scipy docstrings)', () => {
  it('skewtest', () => {
    expect(skewtest([1, 2, 3, 4, 5, 6, 7, 8000]).statistic).toBeCloseTo(3.571773510360407, 13);
    expect(skewtest([1, 2, 3, 4, 5, 6, 7, 8000]).pvalue).toBeCloseTo(0.0003545719905823133, 16);
    // Skewness exactly 0 is replaced by 1 inside the transformation, as scipy does.
    expect(skewtest(ONE_TO_EIGHT).statistic).toBeCloseTo(1.0108048609177787, 14);
    expect(skewtest(ONE_TO_EIGHT, { alternative: 'less' }).pvalue).toBeCloseTo(0.8439450819289052, 14);
    expect(skewtest(ONE_TO_EIGHT, { alternative: 'greater' }).pvalue).toBeCloseTo(0.15605491807109484, 14);
  });

  it('kurtosistest, normaltest, jarqueBera, shapiro', () => {
    const twenty = Array.from({ length: 20 }, (_, i) => i);
    expect(kurtosistest(twenty).statistic).toBeCloseTo(-1.7058104152122062, 14);
    expect(kurtosistest(twenty, { alternative: 'less' }).pvalue).toBeCloseTo(0.04402169166264174, 14);
    expect(normaltest(ONE_TO_EIGHT).statistic).toBeCloseTo(1.7004056883060088, 14);
    expect(jarqueBera(ONE_TO_EIGHT).statistic).toBeCloseTo(0.5109599395313681, 14);
    const w = shapiro([2.1, 3.4, 1.9, 5.6, 4.4, 3.3, 2.8, 4.0]);
    expect(w.statistic).toBeCloseTo(0.9644133451535729, 14);
    expect(w.pvalue).toBeCloseTo(0.8509326283658826, 14);
  });
});

describe('small and degenerate samples (scipy returns NaN, it does not raise)', () => {
  it('gives NaN below each minimum size', () => {
    const seven = ONE_TO_EIGHT.slice(0, 7);
    expect(skewtest(seven).statistic).toBeNaN();
    expect(normaltest(seven).pvalue).toBeNaN();
    expect(kurtosistest([1, 2, 3, 5]).statistic).toBeNaN();
    expect(kurtosistest([1, 2, 3, 5, 8]).statistic).toBeCloseTo(0.11221275148562519, 14);
    expect(shapiro([1, 2]).statistic).toBeNaN();
    expect(jarqueBera([]).statistic).toBeNaN();
  });

  it('handles constant input as scipy', () => {
    const constant = new Array(12).fill(4.25);
    expect(skewtest(constant).statistic).toBeNaN();
    expect(jarqueBera(constant).statistic).toBeNaN();
    expect(shapiro(constant)).toEqual({ statistic: 1, pvalue: 1 });
  });

  it('applies the NaN policy', () => {
    const x = [...ONE_TO_EIGHT, Number.NaN, 9, 10.5];
    expect(skewtest(x).statistic).toBeNaN();
    expect(skewtest(x, { nanPolicy: 'omit' })).toEqual(skewtest(x.filter((v) => !Number.isNaN(v))));
    expect(() => shapiro(x, { nanPolicy: 'raise' })).toThrow(VigieError);
    // 'omit' can leave too few values: NaN, not an error.
    expect(skewtest([1, 2, Number.NaN, 4, 5, 6, 7, 8], { nanPolicy: 'omit' }).statistic).toBeNaN();
  });

  it('rejects an unknown alternative', () => {
    // biome-ignore lint/suspicious/noExplicitAny: an untyped caller passing a wrong name
    expect(() => skewtest(ONE_TO_EIGHT, { alternative: 'bigger' as any })).toThrow(VigieError);
  });
});
