import { describe, expect, it } from 'vitest';
import { expectGolden, loadGolden, STAT_TOL } from '../../../test/support/golden.js';
import { contingencyFromCodes } from '../tests/index.js';
import { correlationRatio, cramersV } from './index.js';

const golden = loadGolden('dependence-association');

describe('cramersV', () => {
  it('matches scipy association(method="cramer") and an independent numpy Bergsma (2013) correction', () => {
    const cases: { name: string; table: number[][]; uncorrected: number; corrected: number }[] =
      golden.cramersV;
    expect(cases.length).toBeGreaterThanOrEqual(30);
    for (const c of cases) {
      // The generator drops all-zero rows and columns before calling scipy, which would raise on
      // them; cramersV drops them itself (documented departure).
      expectGolden('cramersV', cramersV(c.table, { biasCorrection: false }), c.uncorrected, STAT_TOL, c.name);
      expectGolden('cramersV corrected', cramersV(c.table), c.corrected, STAT_TOL, c.name);
    }
  });
});

describe('cramersV from category codes', () => {
  it('takes the tables contingencyFromCodes builds (numpy.add.at, -1 skipped)', () => {
    const cases: {
      name: string;
      a: number[];
      b: number[];
      nA: number;
      nB: number;
      table: number[][];
      uncorrected: number;
      corrected: number;
    }[] = golden.cramersVFromCodes;
    expect(cases.length).toBeGreaterThanOrEqual(28);
    for (const c of cases) {
      const table = contingencyFromCodes(Int32Array.from(c.a), Int32Array.from(c.b), c.nA, c.nB);
      expect(table, c.name).toEqual(c.table);
      expectGolden('cramersV', cramersV(table, { biasCorrection: false }), c.uncorrected, STAT_TOL, c.name);
      expectGolden('cramersV corrected', cramersV(table), c.corrected, STAT_TOL, c.name);
    }
  });
});

describe('correlationRatio', () => {
  it('matches an independent numpy implementation of sqrt(SS_between / SS_total)', () => {
    const cases: { name: string; categories: number[]; values: number[]; expected: number }[] =
      golden.correlationRatio;
    expect(cases.length).toBeGreaterThanOrEqual(30);
    for (const c of cases) {
      const got = correlationRatio(Int32Array.from(c.categories), c.values);
      expectGolden('correlationRatio', got, c.expected, STAT_TOL, c.name);
    }
  });
});
