import { describe, expect, it } from 'vitest';
import { expectGolden, loadGolden, STAT_TOL } from '../../../test/support/golden.js';
import { pairwiseCorrelation } from './index.js';

interface Case {
  name: string;
  columns: number[][];
  pearson: number[][];
  spearman: number[][];
  spearmanPandas?: number[][];
}
const cases: Case[] = loadGolden('dependence-pairwise').pairwiseCorrelation;

describe('pairwiseCorrelation', () => {
  for (const method of ['pearson', 'spearman'] as const) {
    it(`matches pandas.DataFrame.corr(method='${method}') with pairwise deletion`, () => {
      expect(cases.length).toBeGreaterThanOrEqual(30);
      for (const c of cases) {
        const k = c.columns.length;
        const m = pairwiseCorrelation(
          c.columns.map((col) => Float64Array.from(col)),
          { method },
        );
        expect(m.rows).toBe(k);
        expect(m.cols).toBe(k);
        // 'infinity-same-rows' (spearman): pandas ranks with the infinities included when two
        // columns are non-finite on the same rows; the fixture's expected values rank the complete
        // rows instead, as Vigie does (documented departure).
        const want = c[method];
        for (let i = 0; i < k; i++) {
          for (let j = 0; j < k; j++) {
            expectGolden(
              'pairwiseCorrelation',
              m.data[i * k + j]!,
              want[i]![j]!,
              STAT_TOL,
              `${c.name} ${method} [${i}, ${j}]`,
            );
          }
        }
      }
    });
  }
});
