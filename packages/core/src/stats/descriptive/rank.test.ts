import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { expectGolden, loadGolden, STAT_TOL } from '../../../test/support/golden.js';
import type { NanPolicy } from '../input.js';
import { type RankMethod, rankdata, tieCorrectionTerms, tiecorrect } from './rank.js';

const G = loadGolden('descriptive');

interface RankCase {
  input: string;
  method: RankMethod;
  nanPolicy: NanPolicy;
  expected: number[];
  /** Present when only some ranks are stored (long inputs). */
  expectedPositions?: number[];
}

describe('rankdata', () => {
  it.each(G.rankdata as RankCase[])('$input $method $nanPolicy', (c) => {
    const got = rankdata(G.inputs[c.input], { method: c.method, nanPolicy: c.nanPolicy });
    expect(got).toBeInstanceOf(Float64Array);
    const positions = c.expectedPositions ?? c.expected.map((_, i) => i);
    if (!c.expectedPositions) expect(got.length).toBe(c.expected.length);
    positions.forEach((p, i) => {
      expectGolden('rankdata', got[p]!, c.expected[i]!, STAT_TOL, `${c.input}[${p}]`);
    });
  });

  it('ranks ties by each method', () => {
    const x = [10, 20, 20, 5];
    expect(Array.from(rankdata(x))).toEqual([2, 3.5, 3.5, 1]);
    expect(Array.from(rankdata(x, { method: 'min' }))).toEqual([2, 3, 3, 1]);
    expect(Array.from(rankdata(x, { method: 'max' }))).toEqual([2, 4, 4, 1]);
    expect(Array.from(rankdata(x, { method: 'dense' }))).toEqual([2, 3, 3, 1]);
    expect(Array.from(rankdata(x, { method: 'ordinal' }))).toEqual([2, 3, 4, 1]);
    expect(rankdata([])).toEqual(new Float64Array(0));
    expect(() => rankdata([1, Number.NaN], { nanPolicy: 'raise' })).toThrow(
      expect.objectContaining({ code: 'INVALID_ARGUMENT' }),
    );
  });

  it('treats -0 and +0 as ties in input order, as numpy', () => {
    expect(Array.from(rankdata([0, -0, 0], { method: 'ordinal' }))).toEqual([1, 2, 3]);
    expect(Array.from(rankdata([0, -0, -1]))).toEqual([2.5, 2.5, 1]);
  });

  it('radix path: average ranks sum to n(n+1)/2 and follow a permutation', () => {
    fc.assert(
      fc.property(fc.integer({ min: 4100, max: 5000 }), fc.integer({ min: 1, max: 50 }), (n, distinct) => {
        const x = Array.from({ length: n }, (_, i) => ((i * 7919) % distinct) - distinct / 2);
        const r = rankdata(x);
        let total = 0;
        for (const v of r) total += v;
        expect(total).toBe((n * (n + 1)) / 2);
        const rev = rankdata(x.slice().reverse());
        for (let i = 0; i < n; i++) expect(rev[n - 1 - i]).toBe(r[i]);
        const ordinal = rankdata(x, { method: 'ordinal' });
        for (let i = 0; i < n; i++) {
          for (const j of [i + 1, i + distinct]) {
            if (j < n && x[j] === x[i]) expect(ordinal[j]!).toBeGreaterThan(ordinal[i]!);
          }
        }
      }),
      { numRuns: 20 },
    );
  });
});

describe('tie correction', () => {
  const cases = G.tiecorrect as { input: string; expected: number; sumT3MinusT: number; groups: number }[];

  it.each(cases)('tiecorrect $input', (c) => {
    const x: number[] = G.inputs[c.input];
    expectGolden('tiecorrect', tiecorrect(rankdata(x)), c.expected, STAT_TOL, c.input);
    const fromValues = tieCorrectionTerms(x);
    const fromRanks = tieCorrectionTerms(rankdata(x));
    expect(fromValues.sumT3MinusT).toBe(c.sumT3MinusT);
    expect(fromValues.sizes.length).toBe(c.groups);
    expect(fromRanks).toEqual(fromValues);
  });

  it('reports sizes and sums', () => {
    expect(tieCorrectionTerms([3, 1, 2, 3, 2, 3])).toEqual({
      n: 6,
      sizes: Float64Array.from([2, 3]),
      sumT3MinusT: 30,
      sumT2MinusT: 8,
    });
    expect(tieCorrectionTerms([1, Number.NaN, Number.NaN]).sizes.length).toBe(0);
    expect(tiecorrect([1, 2.5, 2.5, 4])).toBeCloseTo(0.9, 15);
    expect(tiecorrect([7])).toBe(1);
  });
});
