import { describe, expect, it } from 'vitest';
import { expectGolden, loadGolden, PVALUE_TOL } from '../../test/support/golden.js';
import { METRIC_TOL } from '../../test/support/metrics-golden.js';
import { delongRocAucTest, type Label, mcnemar, rocAucScore } from './index.js';

interface McnemarCase {
  name: string;
  yTrue: Label[];
  predA: Label[];
  predB: Label[];
  table: [[number, number], [number, number]];
  results: { exact: boolean; correction: boolean; statistic: number; pvalue: number }[];
}
interface DelongValues {
  aucA: number;
  aucB: number;
  difference: number;
  se: number;
  z: number;
  pvalue: number;
  ci: [number, number];
}
interface DelongCase {
  name: string;
  yTrue: Label[];
  scoreA: number[];
  scoreB: number[];
  reference: DelongValues;
  sklearnAucA: number;
  sklearnAucB: number;
}

const golden = loadGolden<{ mcnemar: McnemarCase[]; delong: DelongCase[] }>('metrics-paired');

describe('mcnemar against statsmodels', () => {
  it('has at least 30 cases', () => {
    expect(golden.mcnemar.length).toBeGreaterThanOrEqual(30);
  });

  it('gives the same table, statistic and p-value (exact; chi-square with and without correction)', () => {
    for (const c of golden.mcnemar) {
      for (const r of c.results) {
        const label = `${c.name} exact=${r.exact} correction=${r.correction}`;
        const got = mcnemar(c.yTrue, c.predA, c.predB, { exact: r.exact, correction: r.correction });
        expect(got.table, label).toEqual(c.table);
        const [b, cc] = [c.table[0][1], c.table[1][0]];
        if (!r.exact && b + cc === 0) {
          // Departure: statsmodels divides 0 by 0 (NaN, or ∞ and p = 0 with the correction); Vigie reports no evidence.
          expect(got.statistic).toBe(0);
          expect(got.pvalue).toBe(1);
          continue;
        }
        expectGolden('mcnemar', got.statistic, r.statistic, METRIC_TOL, `${label} statistic`);
        expectGolden('mcnemar pvalue', got.pvalue, r.pvalue, PVALUE_TOL, `${label} pvalue`);
      }
    }
  });
});

describe('delongRocAucTest against the O(m·n) DeLong reference', () => {
  it('has at least 30 cases', () => {
    expect(golden.delong.length).toBeGreaterThanOrEqual(30);
  });

  it('matches the direct Mann-Whitney computation (and scikit-learn AUCs)', () => {
    for (const c of golden.delong) {
      const got = delongRocAucTest(c.yTrue, c.scoreA, c.scoreB);
      const want = c.reference;
      const tol = { rel: 1e-9, abs: 1e-12 };
      expectGolden('delongRocAucTest', got.aucA, want.aucA, METRIC_TOL, `${c.name} aucA`);
      expectGolden('delongRocAucTest', got.aucB, want.aucB, METRIC_TOL, `${c.name} aucB`);
      expectGolden('delongRocAucTest', got.aucA, c.sklearnAucA, METRIC_TOL, `${c.name} aucA vs scikit-learn`);
      expectGolden('delongRocAucTest', got.difference, want.difference, tol, `${c.name} difference`);
      // The variance is a difference of covariances: near 0 (identical scores) only an absolute bound means anything.
      expectGolden('delongRocAucTest', got.se, want.se, { rel: 1e-7, abs: 1e-12 }, `${c.name} se`);
      if (want.se > 1e-6) {
        expectGolden('delongRocAucTest', got.z, want.z, { rel: 1e-7 }, `${c.name} z`);
        expectGolden('delongRocAucTest pvalue', got.pvalue, want.pvalue, PVALUE_TOL, `${c.name} pvalue`);
        expectGolden(
          'delongRocAucTest',
          got.ci[0],
          want.ci[0],
          { rel: 1e-7, abs: 1e-12 },
          `${c.name} ci low`,
        );
        expectGolden(
          'delongRocAucTest',
          got.ci[1],
          want.ci[1],
          { rel: 1e-7, abs: 1e-12 },
          `${c.name} ci high`,
        );
      } else {
        expect(got.pvalue).toBe(want.pvalue);
      }
    }
  });

  it('uses the same AUC as rocAucScore', () => {
    for (const c of golden.delong.slice(0, 10)) {
      expect(delongRocAucTest(c.yTrue, c.scoreA, c.scoreB).aucA).toBeCloseTo(
        rocAucScore(c.yTrue, c.scoreA) as number,
        14,
      );
    }
  });
});
