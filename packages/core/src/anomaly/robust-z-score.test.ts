import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { expectGolden, loadGolden, STAT_TOL } from '../../test/support/golden.js';
import type { Sample } from '../stats/input.js';
import { checkConformance, type DetectorUnderTest, errorCode } from './conformance.js';
import { FittedRobustZScore, type RobustZScoreParams, robustZScore } from './robust-z-score.js';

interface Case {
  name: string;
  x: number[];
  robust?: { median: number; mad: number; z: number[]; outlier: boolean[] };
  new?: number[];
  new_robust_z?: number[];
}
const cases = loadGolden<{ cases: Case[] }>('anomaly-univariate').cases;

const detector: DetectorUnderTest<Sample, RobustZScoreParams, FittedRobustZScore> = {
  name: 'robustZScore',
  fit: robustZScore,
  fromJSON: FittedRobustZScore.fromJSON,
  outputs: (f, x) => [f.modifiedZScores(x), f.scoreSamples(x), f.flag(x).isOutlier, f.flag(x).isMissing],
  rowOrder: { invariant: true, compare: 'close', values: (f, x) => f.modifiedZScores(x) },
};

describe('robustZScore against numpy (Iglewicz-Hoaglin modified z)', () => {
  for (const c of cases.filter((c) => c.robust !== undefined)) {
    it(c.name, () => {
      const g = c.robust!;
      const fitted = robustZScore(c.x);
      expectGolden('robustZScore', fitted.median, g.median, STAT_TOL, `${c.name} median`);
      expectGolden('robustZScore', fitted.mad, g.mad, STAT_TOL, `${c.name} mad`);
      const z = fitted.modifiedZScores(c.x);
      g.z.forEach((want, i) => {
        expectGolden('robustZScore', z[i]!, want, STAT_TOL, `${c.name} z[${i}]`);
      });
      const flags = fitted.flag(c.x);
      expect(Array.from(flags.isOutlier, Boolean)).toEqual(g.outlier);
      expect(Array.from(flags.isMissing, Boolean)).toEqual(c.x.map(Number.isNaN));
    });
  }

  it('applies the training median and MAD to new values', () => {
    const c = cases.find((c) => c.name === 'apply_to_new')!;
    const z = robustZScore(c.x).modifiedZScores(c.new!);
    c.new_robust_z!.forEach((want, i) => {
      expectGolden('robustZScore', z[i]!, want, STAT_TOL, `new[${i}]`);
    });
  });
});

describe('robustZScore behaviour', () => {
  it('passes the conformance checks', () => {
    checkConformance(detector, [1, 5, Number.NaN, 2, 40, 3, 3, 2.5], { threshold: 2 });
    checkConformance(
      detector,
      Float64Array.from({ length: 201 }, (_, i) => Math.cos(i) * i),
      {},
    );
  });

  it('flags every value off the median when the MAD is 0 (no mean-deviation fallback)', () => {
    const f = robustZScore([2, 2, 2, 2, 3]);
    expect(f.mad).toBe(0);
    expect(Array.from(f.flag([2, 3, Number.NaN]).isOutlier)).toEqual([0, 1, 0]);
  });

  it('ignores a minority of arbitrarily large outliers (breakdown point 50%)', () => {
    fc.assert(
      fc.property(fc.double({ min: 1e3, max: 1e300, noNaN: true }), (big) => {
        const f = robustZScore([1, 2, 3, 4, 5, 6, 7, 8, big, big, -big]);
        return f.median === 5 && f.mad === 3;
      }),
    );
  });

  it('rejects empty input and invalid parameters', () => {
    expect(errorCode(() => robustZScore([]))).toBe('EMPTY_INPUT');
    expect(errorCode(() => robustZScore([1], { threshold: -1 }))).toBe('INVALID_ARGUMENT');
    expect(errorCode(() => FittedRobustZScore.fromJSON({ kind: 'zScore', version: 1 }))).toBe('PARSE_ERROR');
  });
});
