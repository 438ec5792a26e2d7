import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { expectGolden, loadGolden, STAT_TOL } from '../../test/support/golden.js';
import type { Sample } from '../stats/input.js';
import { checkConformance, type DetectorUnderTest, errorCode } from './conformance.js';
import { FittedIqrFences, type IqrFencesParams, iqrFences } from './iqr-fences.js';

interface Case {
  name: string;
  x: number[];
  iqr?: { q1: number; q3: number; lower: number; upper: number; score: number[]; outlier: boolean[] };
  new?: number[];
  new_iqr_score?: number[];
}
const cases = loadGolden<{ cases: Case[] }>('anomaly-univariate').cases;

const detector: DetectorUnderTest<Sample, IqrFencesParams, FittedIqrFences> = {
  name: 'iqrFences',
  fit: iqrFences,
  fromJSON: FittedIqrFences.fromJSON,
  outputs: (f, x) => [f.scoreSamples(x), f.flag(x).isOutlier, f.flag(x).isMissing],
  rowOrder: { invariant: true, compare: 'close', values: (f, x) => f.scoreSamples(x) },
};

describe('iqrFences against numpy.percentile (linear)', () => {
  for (const c of cases.filter((c) => c.iqr !== undefined)) {
    it(c.name, () => {
      const g = c.iqr!;
      const fitted = iqrFences(c.x);
      expectGolden('iqrFences', fitted.q1, g.q1, STAT_TOL, `${c.name} q1`);
      expectGolden('iqrFences', fitted.q3, g.q3, STAT_TOL, `${c.name} q3`);
      expectGolden('iqrFences', fitted.lower, g.lower, STAT_TOL, `${c.name} lower`);
      expectGolden('iqrFences', fitted.upper, g.upper, STAT_TOL, `${c.name} upper`);
      const score = fitted.scoreSamples(c.x);
      g.score.forEach((want, i) => {
        expectGolden('iqrFences', score[i]!, want, STAT_TOL, `${c.name} score[${i}]`);
      });
      const flags = fitted.flag(c.x);
      expect(Array.from(flags.isOutlier, Boolean)).toEqual(g.outlier);
      expect(Array.from(flags.isMissing, Boolean)).toEqual(c.x.map(Number.isNaN));
    });
  }

  it('applies the training quartiles to new values', () => {
    const c = cases.find((c) => c.name === 'apply_to_new')!;
    const s = iqrFences(c.x).scoreSamples(c.new!);
    c.new_iqr_score!.forEach((want, i) => {
      expectGolden('iqrFences', s[i]!, want, STAT_TOL, `new[${i}]`);
    });
  });
});

describe('iqrFences behaviour', () => {
  it('passes the conformance checks', () => {
    checkConformance(detector, [1, 5, Number.NaN, 2, 40, 3, 3, 2.5], { k: 3 });
    checkConformance(
      detector,
      Float64Array.from({ length: 100 }, (_, i) => Math.tan(i)),
      {},
    );
  });

  it('puts the fences exactly at the threshold: a value on a fence is not an outlier', () => {
    const f = iqrFences([1, 2, 3, 4, 5]); // q1 = 2, q3 = 4, fences -1 and 7
    expect([f.lower, f.upper]).toEqual([-1, 7]);
    expect(Array.from(f.flag([-1, 7, -1.0001, 7.0001]).isOutlier)).toEqual([0, 0, 1, 1]);
    expect(Array.from(f.scoreSamples([3, 7]))).toEqual([0.5, -1.5]);
  });

  it('flags a value as an outlier exactly when its score is below −k (for a positive IQR)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: -50, max: 50 }), { minLength: 4, maxLength: 30 }),
        fc.integer({ min: -200, max: 200 }),
        (x, v) => {
          const f = iqrFences(x);
          fc.pre(f.iqr > 0);
          return (f.flag([v]).isOutlier[0] === 1) === f.scoreSamples([v])[0]! < -1.5;
        },
      ),
    );
  });

  it('rejects empty input and invalid parameters', () => {
    expect(errorCode(() => iqrFences([Number.NaN, Number.NaN]))).toBe('EMPTY_INPUT');
    expect(errorCode(() => iqrFences([1, 2], { k: Number.NaN }))).toBe('INVALID_ARGUMENT');
  });
});
